package nl.hvht.ketenpoort.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures from the ledger ({@code bericht}, {@code bezorging}); metadata only, never a body or a
 * participant. Every query is bounded by time (the last week) or by the open deliveries, so it stays cheap as the
 * tables grow.
 */
@Component
class DashboardQueries {

    /** Time windows of the traffic figures. */
    enum Venster {
        UUR(Duration.ofHours(1)), DAG(Duration.ofDays(1)), WEEK(Duration.ofDays(7));

        final Duration lengte;

        Venster(Duration lengte) {
            this.lengte = lengte;
        }

        static Venster of(String code) {
            for (Venster v : values()) {
                if (v.name().equalsIgnoreCase(code)) {
                    return v;
                }
            }
            return DAG;
        }
    }

    private static final String RECEIVED = """
            select afzender, bericht_type, count(*) from bericht where ontvangen_op >= ? group by afzender, bericht_type
            """;
    private static final String SETTLED = """
            select z.ontvanger, b.bericht_type, z.status, count(*)
              from bezorging z join bericht b on b.bericht_id = z.bericht_id
             where z.status in ('DELIVERED', 'WITHHELD', 'FAILED') and z.bijgewerkt_op >= ?
             group by z.ontvanger, b.bericht_type, z.status
            """;
    private static final String OPEN = """
            select z.ontvanger, count(*), min(b.ontvangen_op),
                   sum(case when z.status = 'QUEUED' and z.pogingen > 0 and z.opgehaald_op is null then 1 else 0 end), max(z.pogingen)
              from bezorging z join bericht b on b.bericht_id = z.bericht_id
             where z.status in ('ACCEPTED', 'QUEUED')
             group by z.ontvanger
            """;
    private static final String LAST_SUCCESS = """
            select ontvanger, max(bijgewerkt_op) from bezorging
             where status = 'DELIVERED' and bijgewerkt_op >= ? group by ontvanger
            """;
    private static final String FAILURES = """
            select ontvanger, bijgewerkt_op from bezorging where status = 'FAILED' and bijgewerkt_op >= ?
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DashboardQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts of one partner and message type in a window: received (as sender) and settled (as recipient). */
    record Verkeer(String partner, String berichtType, long ontvangen, long bezorgd, long ingehouden, long mislukt) {
    }

    /** Traffic per partner and message type in the window, by partner then type. */
    List<Verkeer> verkeer(Venster venster) {
        Timestamp since = Timestamp.from(clock.instant().minus(venster.lengte));
        Map<String, long[]> counts = new TreeMap<>();
        jdbc.query(RECEIVED, rs -> {
            counts.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new long[4])[0] += rs.getLong(3);
        }, since);
        jdbc.query(SETTLED, rs -> {
            long[] row = counts.computeIfAbsent(rs.getString(1) + "\u0000" + rs.getString(2), k -> new long[4]);
            switch (rs.getString(3)) {
                case "DELIVERED" -> row[1] += rs.getLong(4);
                case "WITHHELD" -> row[2] += rs.getLong(4);
                default -> row[3] += rs.getLong(4);
            }
        }, since);
        List<Verkeer> rows = new ArrayList<>();
        counts.forEach((key, c) -> {
            String[] parts = key.split("\u0000", 2);
            rows.add(new Verkeer(parts[0], parts[1], c[0], c[1], c[2], c[3]));
        });
        return rows;
    }

    /**
     * One recipient's delivery state.
     *
     * @param open                 deliveries accepted or queued, not yet settled
     * @param oudsteOpen           when the oldest of them was received (null: none open)
     * @param inHerhaling          queued deliveries that failed at least once and are being retried
     * @param meestePogingen       most attempts of an open delivery so far
     * @param laatsteSucces        last delivery within the week (null: none)
     * @param mislukkingenNaSucces deliveries that failed for good (dead-lettered or refused) after the last success,
     *                             within the week
     */
    record Ontvanger(long open, Instant oudsteOpen, long inHerhaling, int meestePogingen, Instant laatsteSucces,
            long mislukkingenNaSucces) {
    }

    /** Delivery state per recipient that has had traffic in the week or has open deliveries. */
    Map<String, Ontvanger> ontvangers() {
        Timestamp weekAgo = Timestamp.from(clock.instant().minus(Venster.WEEK.lengte));
        Map<String, Object[]> open = new TreeMap<>();
        jdbc.query(OPEN, rs -> {
            open.put(rs.getString(1), new Object[] {rs.getLong(2), instant(rs.getObject(3, OffsetDateTime.class)), rs.getLong(4), rs.getInt(5)});
        });
        Map<String, Instant> lastSuccess = new TreeMap<>();
        jdbc.query(LAST_SUCCESS, rs -> {
            lastSuccess.put(rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class)));
        }, weekAgo);
        Map<String, Long> failures = new TreeMap<>();
        jdbc.query(FAILURES, rs -> {
            Instant at = instant(rs.getObject(2, OffsetDateTime.class));
            Instant success = lastSuccess.get(rs.getString(1));
            if (success == null || at.isAfter(success)) {
                failures.merge(rs.getString(1), 1L, Long::sum);
            }
        }, weekAgo);
        Map<String, Ontvanger> result = new TreeMap<>();
        java.util.Set<String> names = new java.util.TreeSet<>(open.keySet());
        names.addAll(lastSuccess.keySet());
        names.addAll(failures.keySet());
        for (String name : names) {
            Object[] o = open.getOrDefault(name, new Object[] {0L, null, 0L, 0});
            result.put(name, new Ontvanger((Long) o[0], (Instant) o[1], (Long) o[2], (Integer) o[3], lastSuccess.get(name),
                    failures.getOrDefault(name, 0L)));
        }
        return result;
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
