package nl.hvht.ketenpoort.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Expiry warnings for the consent registrar: verklaringen whose latest version ends within a horizon, and
 * participants whose consent ends before a known release or hand-over date ({@code deelnemer_mijlpaal}, see
 * {@link Mijlpalen}). The date logic is in {@link ExpiryRules}. Public for the admin console's dashboard.
 */
@Component
public class ExpiryWarnings {

    private static final String EXPIRING = """
            select v.id, v.deelnemer_id, s.versie, s.geldig_tot
              from toestemmingsverklaring v
              join toestemmingsversie s on s.verklaring_id = v.id and s.versie = v.versie
             where v.ingetrokken_op is null and s.geldig_tot > :van and s.geldig_tot <= :tot
             order by s.geldig_tot, v.id
            """;
    /** Every milestone from today on, with the latest version of each live verklaring of its participant. */
    private static final String MILESTONES = """
            select m.deelnemer_id, m.soort, m.datum, x.id, x.versie, x.geldig_tot
              from deelnemer_mijlpaal m
              left join (select v.id, v.deelnemer_id, s.versie, s.geldig_tot
                           from toestemmingsverklaring v
                           join toestemmingsversie s on s.verklaring_id = v.id and s.versie = v.versie
                          where v.ingetrokken_op is null) x on x.deelnemer_id = m.deelnemer_id
             where m.datum >= :vandaag
             order by m.datum, m.deelnemer_id, m.soort
            """;

    private final JdbcClient jdbc;
    private final ExpiryRules rules;

    ExpiryWarnings(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.rules = new ExpiryRules(clock);
    }

    /** Verklaringen (latest version, not revoked) ending within {@code dagen} days from now. */
    public List<Verloopt> expiring(int dagen) {
        Instant now = rules.now();
        List<Verloopt> found = new ArrayList<>();
        jdbc.sql(EXPIRING).param("van", Timestamp.from(now)).param("tot", Timestamp.from(rules.horizon(dagen))).query(rs -> {
            Instant tot = instant(rs, "geldig_tot");
            rules.daysLeft(tot, dagen).ifPresent(days -> {
                try {
                    found.add(new Verloopt(rs.getObject("id", UUID.class), rs.getInt("versie"), rs.getString("deelnemer_id"),
                            tot, days));
                } catch (SQLException e) {
                    throw new IllegalStateException("unreadable toestemmingsversie", e);
                }
            });
        });
        return found;
    }

    /** Participants with a release or hand-over date (today or later) that their consent does not last until. */
    public List<VoorMijlpaal> beforeMilestones() {
        Map<String, List<ExpiryRules.Einde>> liveByMilestone = new LinkedHashMap<>();
        Map<String, Object[]> milestones = new LinkedHashMap<>();
        jdbc.sql(MILESTONES).param("vandaag", rules.today()).query(rs -> {
            String deelnemer = rs.getString("deelnemer_id");
            String soort = rs.getString("soort");
            String key = deelnemer + "|" + soort;
            milestones.putIfAbsent(key, new Object[] {deelnemer, soort, rs.getObject("datum", LocalDate.class)});
            List<ExpiryRules.Einde> live = liveByMilestone.computeIfAbsent(key, k -> new ArrayList<>());
            UUID id = rs.getObject("id", UUID.class);
            if (id != null) {
                live.add(new ExpiryRules.Einde(id, rs.getInt("versie"), deelnemer, instant(rs, "geldig_tot")));
            }
        });
        List<VoorMijlpaal> found = new ArrayList<>();
        milestones.forEach((key, m) -> {
            Optional<ExpiryRules.Einde> longest = ExpiryRules.longest(liveByMilestone.get(key));
            LocalDate datum = (LocalDate) m[2];
            if (rules.endsBefore(datum, longest)) {
                found.add(new VoorMijlpaal((String) m[0], Mijlpalen.Soort.valueOf((String) m[1]), datum,
                        longest.map(ExpiryRules.Einde::geldigTot).orElse(null),
                        longest.map(ExpiryRules.Einde::verklaringId).orElse(null),
                        longest.map(ExpiryRules.Einde::versie).orElse(null)));
            }
        });
        return found;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * A verklaring that ends soon.
     *
     * @param id        verklaring id
     * @param versie    its latest version
     * @param deelnemer participant id (for the registrar; never logged)
     * @param geldigTot end of the latest version (exclusive)
     * @param dagenOver whole days left (part of a day counts as one)
     */
    public record Verloopt(UUID id, int versie, String deelnemer, Instant geldigTot, long dagenOver) {

        @Override
        public String toString() {
            return "Verloopt[" + id + "@v" + versie + "]";
        }
    }

    /**
     * A participant whose consent ends before a release or hand-over date.
     *
     * @param deelnemer      participant id (for the registrar; never logged)
     * @param soort          UITSTROOM (overdracht) or VERWACHTE_UITSTROOM (trajectplan)
     * @param datum          the date
     * @param geldigTot      end of the longest-lasting live verklaring version, or null if there is none
     * @param verklaringId   that verklaring, or null
     * @param verklaringVersie its latest version, or null
     */
    public record VoorMijlpaal(String deelnemer, Mijlpalen.Soort soort, LocalDate datum, Instant geldigTot, UUID verklaringId,
            Integer verklaringVersie) {

        @Override
        public String toString() {
            return "VoorMijlpaal[" + soort + ", verklaring=" + verklaringId + "]";
        }
    }
}
