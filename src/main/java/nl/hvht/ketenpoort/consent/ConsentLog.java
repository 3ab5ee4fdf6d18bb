package nl.hvht.ketenpoort.consent;

import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import nl.hvht.ketenpoort.bericht.Categorie;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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

    private final NamedParameterJdbcTemplate batch;
    private final Clock clock;

    @Autowired
    ConsentLog(JdbcTemplate jdbc) {
        this(jdbc, Clock.systemUTC());
    }

    ConsentLog(JdbcTemplate jdbc, Clock clock) {
        this.batch = new NamedParameterJdbcTemplate(jdbc);
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
            Set<Categorie> categories, String doel, java.time.Instant moment) {

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
            Set<Categorie> categories, String doel) {
        return new Entry(berichtId, ontvanger, deelnemerPseudoniem, phase, decision, categories, doel, clock.instant());
    }

    /** Stores decisions in one batch, joining the caller's transaction (if any). */
    public void recordAll(java.util.List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] rows = entries.stream().map(e -> {
            TreeSet<String> codes = new TreeSet<>();
            e.categories().forEach(c -> codes.add(c.code()));
            ConsentDecision decision = e.decision();
            var first = decision.firstConsent();
            return new MapSqlParameterSource()
                    .addValue("moment", VerklaringStore.utc(e.moment()))
                    .addValue("berichtId", e.berichtId())
                    .addValue("ontvanger", e.ontvanger())
                    .addValue("pseudoniem", e.deelnemerPseudoniem())
                    .addValue("fase", e.phase().name())
                    .addValue("uitkomst", decision.uitkomst().name())
                    .addValue("verklaringId", first.map(Grondslag::id).orElse(null))
                    .addValue("verklaringVersie", first.map(Grondslag::versie).orElse(null), java.sql.Types.INTEGER)
                    .addValue("reden", decision.reason() == null ? null : decision.reason().name())
                    .addValue("grondslag", decision.allowed() ? decision.ground() : null)
                    .addValue("ingehouden", decision.withheldCodes())
                    .addValue("categorieen", String.join(",", codes))
                    .addValue("doel", e.doel());
        }).toArray(MapSqlParameterSource[]::new);
        batch.batchUpdate("""
                insert into toestemmingsbesluit (moment, bericht_id, ontvanger, deelnemer_pseudoniem, fase, uitkomst,
                                                 verklaring_id, verklaring_versie, reden, grondslag, ingehouden,
                                                 categorieen, doel)
                values (:moment, :berichtId, :ontvanger, :pseudoniem, :fase, :uitkomst, :verklaringId, :verklaringVersie,
                        :reden, :grondslag, :ingehouden, :categorieen, :doel)
                """, rows);
    }
}
