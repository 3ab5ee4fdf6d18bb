package nl.hvht.ketenpoort.consent;

import java.util.List;
import nl.hvht.ketenpoort.bericht.Envelope;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** Pipeline step {@code direct:check-consent}: a logged decision for every recipient. */
@Component
class ConsentStep extends RouteBuilder {

    private final ConsentGate gate;
    private final PartnerRegistry partners;

    ConsentStep(ConsentGate gate, PartnerRegistry partners) {
        this.gate = gate;
        this.partners = partners;
    }

    @Override
    public void configure() {
        from(Steps.CHECK_CONSENT).routeId("check-consent").routeConfigurationId(Steps.ERROR_POLICY)
                .bean(this, "decide");
    }

    public void decide(Dispatch dispatch) {
        Envelope envelope = dispatch.envelope();
        List<String> recipients = List.copyOf(dispatch.recipients());
        List<ConsentDecision> decisions = gate.checkAll(recipients.stream()
                .map(id -> new ConsentGate.Check(dispatch.traceId(), ConsentLog.Phase.INTAKE, envelope.berichtId(),
                        envelope.berichtType(), envelope.afzender(), recipient(id, dispatch), envelope.deelnemer(),
                        dispatch.message().categories(), envelope.doel(), null))
                .toList());
        for (int i = 0; i < recipients.size(); i++) {
            dispatch.decided(recipients.get(i), decisions.get(i));
        }
    }

    private Recipient recipient(String id, Dispatch dispatch) {
        // Recipients were checked against the registry by the resolve-recipients step.
        return new Recipient(id, partners.byId(id).orElseThrow().soort(), dispatch.rolesOf(id));
    }
}
