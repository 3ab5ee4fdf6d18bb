package nl.hvht.ketenpoort.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentRegistry;
import nl.hvht.ketenpoort.consent.Verklaring;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Demo run only: registers, through the normal consent registry, one toestemmingsverklaring for the
 * example participant covering every partner, category and purpose for a year, unless he has one.
 */
@Component
@ConditionalOnProperty(name = "ketenpoort.demo.seed-consent", havingValue = "true")
class DemoConsentSeeder implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoConsentSeeder.class);

    private final ConsentRegistry registry;
    private final PartnerRegistry partners;
    private final DemoProperties demo;
    private final Clock clock;

    DemoConsentSeeder(ConsentRegistry registry, PartnerRegistry partners, DemoProperties demo, Clock clock) {
        this.registry = registry;
        this.partners = partners;
        this.demo = demo;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Instant now = clock.instant();
        boolean current = registry.ofParticipant(demo.deelnemer(), PartnerPrincipal.CONSENT_REGISTRAR_ID).stream()
                .anyMatch(v -> v.ingetrokkenOp() == null && v.geldigTot().isAfter(now));
        if (current) {
            return;
        }
        Set<String> categories = Arrays.stream(Categorie.values()).map(Categorie::code).collect(Collectors.toSet());
        // Every kind of partner, every category and purpose; but municipalities get no health or treatment data
        // (a deny exception), so a demo overdracht shows a redacted copy next to full ones.
        var permit = new ConsentRegistry.BepalingInvoer(
                Set.of("soort:gemeente", "soort:reclassering", "soort:zorgpartner", "soort:dji"), categories,
                Verklaring.DOELEN, null, null,
                List.of(new ConsentRegistry.UitzonderingInvoer(Set.of("soort:gemeente"), Set.of("gezondheid", "behandeling"),
                        Set.of(), null, null)));
        Verklaring verklaring = registry.register(new ConsentRegistry.Registratie(demo.deelnemer(), List.of(permit),
                now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(365)), null, null), PartnerPrincipal.CONSENT_REGISTRAR_ID);
        LOG.info("Demo: registered toestemmingsverklaring {} for the example participant (all partners, categories and"
                + " purposes; no gezondheid or behandeling for municipalities)", verklaring.id());
    }
}
