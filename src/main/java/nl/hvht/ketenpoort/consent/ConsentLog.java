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
     * One decision as the consent log stores it.
     *
     * @param berichtId           message id
     * @param ontvanger           recipient partner id
     * @param deelnemerPseudoniem the participant's pseudonym (from {@code audit.Pseudonymizer}), never the id
     * @param phase               intake or delivery
     * @param decision            the decision
     * @param categories          data categories asked for
     * @param doel                purpose code asked for
     * @param moment              when it was taken
     */
    public record Entry(String berichtId, String ontvanger, String deelnemerPseudoniem, Phase phase, ConsentDecision decision,
            Set<DataCategory> categories, String doel, java.time.Instant moment) {

        public Entry {
            categories = Set.copyOf(categories);
        }

        @Override
        public String toString() {
            return "Entry[" + phase + ", " + berichtId + ":" + ontvanger + "]";
        }
    }

    /** The entry for a decision taken now. */
    Entry entry(String berichtId, String ontvanger, String deelnemerPseudoniem, Phase phase, ConsentDecision decision,
            Set<DataCategory> categories, String doel) {
        return new Entry(berichtId, ontvanger, deelnemerPseudoniem, phase, decision, categories, doel, clock.instant());
    }

    /** Stores decisions in one batch, joining the caller's transaction (if any). */
    public void recordAll(java.util.List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                insert into toestemmingsbesluit (moment, bericht_id, ontvanger, deelnemer_pseudoniem, fase, uitkomst,
                                                 verklaring_id, verklaring_versie, reden, grondslag, ingehouden,
                                                 categorieen, doel)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, entries, entries.size(), (ps, e) -> {
            TreeSet<String> codes = new TreeSet<>();
            e.categories().forEach(c -> codes.add(c.code()));
            ConsentDecision decision = e.decision();
            var first = decision.firstConsent();
            ps.setObject(1, VerklaringStore.utc(e.moment()));
            ps.setString(2, e.berichtId());
            ps.setString(3, e.ontvanger());
            ps.setString(4, e.deelnemerPseudoniem());
            ps.setString(5, e.phase().name());
            ps.setString(6, decision.allowed() ? "ALLOWED" : "DENIED");
            ps.setObject(7, first.map(Grondslag::id).orElse(null));
            ps.setObject(8, first.map(Grondslag::versie).orElse(null), java.sql.Types.INTEGER);
            ps.setString(9, decision.reason() == null ? null : decision.reason().name());
            ps.setString(10, decision.allowed() ? decision.ground() : null);
            ps.setString(11, decision.withheldCodes());
            ps.setString(12, String.join(",", codes));
            ps.setString(13, e.doel());
        });
    }
}
