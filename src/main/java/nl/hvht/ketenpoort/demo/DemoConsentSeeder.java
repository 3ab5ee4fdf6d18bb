package nl.hvht.ketenpoort.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.bericht.DataCategory;
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
import org.springframework.jdbc.core.JdbcTemplate;
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
    private final JdbcTemplate jdbc;
    private final DemoProperties demo;
    private final Clock clock;

    DemoConsentSeeder(ConsentRegistry registry, PartnerRegistry partners, JdbcTemplate jdbc, DemoProperties demo, Clock clock) {
        this.registry = registry;
        this.partners = partners;
        this.jdbc = jdbc;
        this.demo = demo;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        Integer existing = jdbc.queryForObject(
                "select count(*) from toestemmingsverklaring where deelnemer_id = ? and ingetrokken_op is null and geldig_tot > ?",
                Integer.class, demo.deelnemer(), java.sql.Timestamp.from(clock.instant()));
        if (existing != null && existing > 0) {
            return;
        }
        Instant now = clock.instant();
        Set<String> recipients = partners.all().stream().map(Partner::id).collect(Collectors.toSet());
        Set<String> categories = Arrays.stream(DataCategory.values()).map(DataCategory::code).collect(Collectors.toSet());
        Verklaring verklaring = registry.register(new ConsentRegistry.Registratie(demo.deelnemer(), recipients, categories,
                Verklaring.DOELEN, now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(365)), null),
                PartnerPrincipal.CONSENT_REGISTRAR_ID);
        LOG.info("Demo: registered toestemmingsverklaring {} for the example participant (all partners, categories, purposes)",
                verklaring.id());
    }
}
