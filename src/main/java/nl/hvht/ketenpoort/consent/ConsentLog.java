package nl.hvht.ketenpoort.consent;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import nl.hvht.ketenpoort.bericht.DataCategory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The consent log ({@code toestemmingsbesluit}): every consent decision with its ground, so the privacy
 * officer can see who received what about whom, and why. Holds the participant's pseudonym, never the id.
 */
@Component
public class ConsentLog {

    /** When the decision was taken. Stored by name: never rename. */
    public enum Phase {
        /** At intake, before the message is queued for the recipient. */
        INTAKE,
        /** Before a delivery attempt to the recipient. */
        BEZORGING
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    @Autowired
    ConsentLog(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    ConsentLog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores one decision (joining the caller's transaction, if any).
     *
     * @param berichtId           message id
     * @param ontvanger           recipient partner id
     * @param deelnemerPseudoniem the participant's pseudonym (from {@code audit.Pseudonymizer}), never the id
     * @param phase               intake or delivery
     * @param decision            the decision
     * @param categories          data categories asked for
     * @param doel                purpose code asked for
     */
    public void record(String berichtId, String ontvanger, String deelnemerPseudoniem, Phase phase,
            ConsentDecision decision, Set<DataCategory> categories, String doel) {
        TreeSet<String> codes = new TreeSet<>();
        categories.forEach(c -> codes.add(c.code()));
        var first = decision.firstConsent();
        jdbc.update("""
                insert into toestemmingsbesluit (moment, bericht_id, ontvanger, deelnemer_pseudoniem, fase, uitkomst,
                                                 verklaring_id, verklaring_versie, reden, grondslag, ingehouden,
                                                 categorieen, doel)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                VerklaringStore.utc(clock.instant()), berichtId, ontvanger, deelnemerPseudoniem, phase.name(),
                decision.allowed() ? "ALLOWED" : "DENIED", first.map(Grond::id).orElse(null),
                first.map(Grond::versie).orElse(null), decision.reason() == null ? null : decision.reason().name(),
                decision.allowed() ? decision.ground() : null, decision.withheldCodes(), String.join(",", codes), doel);
    }
}
