package nl.hvht.ketenpoort.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditProperties;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A participant's consent log after a pseudonym key rotation, against a real PostgreSQL: the disclosure report (the
 * console's search by participant id) finds the decisions logged under the previous key and under the new one, and
 * nothing under a key that is not configured; its own audit record names the new key.
 */
class DisclosureReportKeyRotationIT {

    private static final String OLD_KEY = "old-pseudonym-key-Q3v9Zk1mR8sT2wXy5bN7";
    private static final String NEW_KEY = "new-pseudonym-key-t8Wq2Ls5Dk9Vx1Mz4Rb7";
    private static final String UNKNOWN_KEY = "unconfigured-pseudonym-key-Pw7x2Kq9Lm4Z";
    private static final AtomicInteger PARTICIPANTS = new AtomicInteger();
    private static final Pseudonymizer BEFORE = pseudonymizer(new AuditProperties(OLD_KEY, 10));
    private static final Pseudonymizer AFTER = pseudonymizer(new AuditProperties(NEW_KEY, "1", Map.of("0", OLD_KEY), 10, null));
    private static final Pseudonymizer UNCONFIGURED = pseudonymizer(new AuditProperties(UNKNOWN_KEY, "9", Map.of(), 10, null));

    private final DataSource dataSource = ConsentStoreIT.Database.POSTGRESQL.migrated();
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final ConsentStoreIT.MovableClock clock = new ConsentStoreIT.MovableClock();
    private final ConsentLog consentLog = new ConsentLog(jdbc, clock);
    private final ConsentStoreIT.CollectingAuditLog audit = new ConsentStoreIT.CollectingAuditLog();

    private static Pseudonymizer pseudonymizer(AuditProperties properties) {
        try {
            Constructor<Pseudonymizer> constructor = Pseudonymizer.class.getDeclaredConstructor(AuditProperties.class);
            return BeanUtils.instantiateClass(constructor, properties);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private DisclosureReportService reports(Pseudonymizer pseudonymizer) {
        // This test is about the consent log under key rotation: no ledger rows (DisclosureReportIT covers those).
        return new DisclosureReportService(jdbc, deelnemer -> List.of(), new VerklaringStore(jdbc), audit, pseudonymizer, clock,
                new DataSourceTransactionManager(dataSource));
    }

    private String logDecision(String pseudonym) {
        String berichtId = UUID.randomUUID().toString();
        consentLog.recordAll(List.of(consentLog.entry(berichtId, "gemeente-almelo", pseudonym, ConsentLog.Phase.INTAKE,
                ConsentDecision.denied(DenialReason.NO_CONSENT), Set.of(Categorie.DETENTIE), "nazorg")));
        return berichtId;
    }

    @Test
    void theReportFindsDecisionsUnderThePreviousAndTheCurrentKey() {
        String deelnemer = "ROT-" + PARTICIPANTS.incrementAndGet() + "-" + System.nanoTime() % 100000;
        String other = deelnemer + "-X";
        // Logged before the rotation: the first key, pseudonyms p-<hex> as before key ids existed.
        String before = logDecision(BEFORE.pseudonym(deelnemer));
        logDecision(BEFORE.pseudonym(other));
        // Logged after it: the new key, id 1.
        String after = logDecision(AFTER.pseudonym(deelnemer));
        String lost = logDecision(UNCONFIGURED.pseudonym(deelnemer));
        assertThat(AFTER.pseudonym(deelnemer)).startsWith("p1-");
        assertThat(BEFORE.pseudonym(deelnemer)).startsWith("p-");

        DisclosureReport report = reports(AFTER).reportFor(deelnemer, "beheerder:privacy1");

        assertThat(report.besluiten()).extracting(DisclosureReport.Besluit::berichtId).containsExactlyInAnyOrder(before, after)
                .doesNotContain(lost);
        AuditEvent made = audit.events.get(audit.events.size() - 1);
        assertThat(made.step()).isEqualTo(AuditStep.DISCLOSURE_REPORT);
        assertThat(made.deelnemerPseudoniem()).isEqualTo(AFTER.pseudonym(deelnemer));

        // Without the previous key configured, the decisions of before the rotation are not found: the key list matters.
        Pseudonymizer withoutPrevious = pseudonymizer(new AuditProperties(NEW_KEY, "1", Map.of(), 10, null));
        assertThat(reports(withoutPrevious).reportFor(deelnemer, "beheerder:privacy1").besluiten())
                .extracting(DisclosureReport.Besluit::berichtId).containsExactly(after);
    }
}
