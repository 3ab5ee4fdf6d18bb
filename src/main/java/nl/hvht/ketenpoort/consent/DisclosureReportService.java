package nl.hvht.ketenpoort.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a participant's {@link DisclosureReport} from the message ledger ({@code bericht}, {@code bezorging}, read
 * through its owner's {@link DeliveryHistory}), the
 * consent log ({@code toestemmingsbesluit}, by his pseudonyms under the current and every previous pseudonym key, so a
 * key rotation loses no decision) and his verklaringen. Every report made is audit-logged
 * ({@link AuditStep#DISCLOSURE_REPORT}, with the pseudonym and the requester) before it is handed out: if the audit
 * record cannot be stored, there is no report. Who may ask is decided by the caller (web layer: the consent
 * registrar; later the admin side).
 */
@Component
public class DisclosureReportService {

    /** By every pseudonym the participant has under the configured keys: decisions logged before a key rotation too. */
    private static final String CONSENT_LOG = """
            select moment, bericht_id, ontvanger, fase, uitkomst, reden, grondslag, ingehouden, categorieen, doel
              from toestemmingsbesluit
             where deelnemer_pseudoniem = any (:pseudoniemen)
             order by moment, id
            """;

    private final JdbcClient jdbc;
    private final DeliveryHistory ledger;
    private final VerklaringStore store;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;
    private final TransactionTemplate snapshot;

    DisclosureReportService(JdbcTemplate jdbc, DeliveryHistory ledger, VerklaringStore store, AuditLog audit, Pseudonymizer pseudonymizer,
            Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = JdbcClient.create(jdbc);
        this.ledger = ledger;
        this.store = store;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * The disclosure report of one participant; writes one audit record (pseudonym and requester, never the id).
     *
     * @param deelnemer   participant id, pattern {@code [A-Z0-9][A-Z0-9-]{2,39}}
     * @param requestedBy who asks (partner id, or the administrator's name on the admin side)
     * @throws Rejection VALIDATION_FAILED if the participant id is not well-formed
     */
    public DisclosureReport reportFor(String deelnemer, String requestedBy) {
        requireParticipant(deelnemer);
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new IllegalArgumentException("requestedBy is required");
        }
        String pseudonym = pseudonymizer.pseudonym(deelnemer);
        String[] pseudonyms = pseudonymizer.pseudonyms(deelnemer).toArray(String[]::new);
        Instant now = clock.instant();
        // One snapshot: the ledger, the consent log and the verklaringen as of the same moment.
        DisclosureReport report = snapshot.execute(status -> DisclosureReport.assemble(deelnemer, now, requestedBy,
                ledger.deliveriesAbout(deelnemer),
                jdbc.sql(CONSENT_LOG).param("pseudoniemen", pseudonyms).query((rs, n) -> logRow(rs)).list(),
                store.versionsOfParticipant(deelnemer)));
        audit.record(new AuditEvent(null, AuditStep.DISCLOSURE_REPORT, null, null, requestedBy, null, pseudonym, null,
                "OK", "bezorgingen=" + report.bezorgingen().size() + " besluiten=" + report.besluiten().size()
                        + " verklaringversies=" + report.verklaringen().size()));
        return report;
    }

    /** Throws VALIDATION_FAILED unless the id has the participant id form (the id itself is never echoed). */
    static void requireParticipant(String deelnemer) {
        if (deelnemer == null || !ConsentRegistry.DEELNEMER.matcher(deelnemer).matches()) {
            throw new Rejection(RejectionCode.VALIDATION_FAILED,
                    "deelnemer moet 3-40 hoofdletters, cijfers of koppeltekens zijn.");
        }
    }

    private static DisclosureReport.BesluitRij logRow(ResultSet rs) throws SQLException {
        return new DisclosureReport.BesluitRij(instant(rs, "moment"), rs.getString("bericht_id"), rs.getString("ontvanger"),
                rs.getString("fase"), rs.getString("uitkomst"), rs.getString("reden"), rs.getString("grondslag"),
                rs.getString("ingehouden"), rs.getString("categorieen"), rs.getString("doel"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
