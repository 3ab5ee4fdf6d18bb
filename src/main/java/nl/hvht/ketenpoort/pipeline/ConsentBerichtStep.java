package nl.hvht.ketenpoort.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.xml.datatype.XMLGregorianCalendar;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.bericht.v1.CategorieCode;
import nl.hvht.ketenpoort.bericht.v1.Inhoud;
import nl.hvht.ketenpoort.bericht.v1.Intrekking;
import nl.hvht.ketenpoort.bericht.v1.Toestemmingsverklaring;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import nl.hvht.ketenpoort.consent.ConsentRegistry;
import nl.hvht.ketenpoort.consent.Verklaring;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Pipeline step {@code direct:register-consent}: a Toestemmingsverklaring message registers a verklaring (or, with a
 * {@code verklaringId}, a new version of it) and an Intrekking message revokes one, through the same
 * {@link ConsentRegistry} as the JSON API. Only the consent registrar may send them (else FORBIDDEN); the
 * participant is the envelope's. A message processed again after a crash finds the version it registered.
 */
@Component
class ConsentBerichtStep extends RouteBuilder {

    private final ConsentRegistry registry;

    ConsentBerichtStep(ConsentRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void configure() {
        from(Steps.REGISTER_CONSENT).routeId("register-consent").routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> register(exchange.getMessage().getBody(Dispatch.class)));
    }

    public void register(Dispatch dispatch) {
        if (!PartnerPrincipal.CONSENT_REGISTRAR_ID.equals(dispatch.caller())) {
            throw new Rejection(RejectionCode.FORBIDDEN, "Alleen de registrerende partner beheert toestemmingsverklaringen.");
        }
        Inhoud inhoud = dispatch.message().bericht().getInhoud();
        if (inhoud.getToestemmingsverklaring() != null) {
            Toestemmingsverklaring t = inhoud.getToestemmingsverklaring();
            ConsentRegistry.Registratie registratie = new ConsentRegistry.Registratie(dispatch.envelope().deelnemer(),
                    t.getBepaling().stream().map(ConsentBerichtStep::bepaling).toList(), instant(t.getGeldigVan()),
                    instant(t.getGeldigTot()), t.getBewijsHash(), UUID.fromString(dispatch.envelope().berichtId()));
            Verklaring v = t.getVerklaringId() == null ? registry.register(registratie, dispatch.caller())
                    : registry.change(UUID.fromString(t.getVerklaringId()), registratie, dispatch.caller());
            dispatch.processed(v.grond().code());
        } else {
            Intrekking intrekking = inhoud.getIntrekking();
            Verklaring v = registry.revoke(UUID.fromString(intrekking.getVerklaringId()), dispatch.caller(),
                    dispatch.envelope().deelnemer());
            dispatch.processed("ingetrokken:" + v.id());
        }
    }

    private static ConsentRegistry.BepalingInvoer bepaling(nl.hvht.ketenpoort.bericht.v1.Bepaling b) {
        return new ConsentRegistry.BepalingInvoer(Set.copyOf(b.getActor()), codes(b.getCategorie()), purposes(b.getDoel()),
                instant(b.getGeldigVan()), instant(b.getGeldigTot()), b.getUitzondering().stream()
                        .map(u -> new ConsentRegistry.UitzonderingInvoer(Set.copyOf(u.getActor()), codes(u.getCategorie()),
                                purposes(u.getDoel()), instant(u.getGeldigVan()), instant(u.getGeldigTot())))
                        .toList());
    }

    private static Set<String> codes(List<CategorieCode> codes) {
        return codes.stream().map(CategorieCode::value).collect(Collectors.toSet());
    }

    private static Set<String> purposes(List<nl.hvht.ketenpoort.bericht.v1.Doel> doelen) {
        return doelen.stream().map(nl.hvht.ketenpoort.bericht.v1.Doel::value).collect(Collectors.toSet());
    }

    private static Instant instant(XMLGregorianCalendar value) {
        return value == null ? null : value.toGregorianCalendar().toInstant();
    }
}
