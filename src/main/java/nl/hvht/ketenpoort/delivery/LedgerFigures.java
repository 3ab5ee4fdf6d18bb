package nl.hvht.ketenpoort.delivery;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The dashboard's figures from the ledger ({@code bericht}, {@code bezorging}): a read model for the admin side;
 * metadata only, never a body or a participant. Every query is bounded by time (the window asked for, or the last
 * week) or by the open deliveries, so it stays cheap as the tables grow.
 */
@Component
public class LedgerFigures {

    /** How far back the per-recipient figures look (last success, failures after it). */
    public static final Duration WEEK = Duration.ofDays(7);

    private static final String RECEIVED = """
            select afzender, bericht_type, count(*) as aantal
              from bericht where ontvangen_op >= :sinds group by afzender, bericht_type
            """;
    private static final String SETTLED = """
            select z.ontvanger, b.bericht_type, z.status, count(*) as aantal
              from bezorging z join bericht b on b.bericht_id = z.bericht_id
             where z.status in (:delivered, :withheld, :failed) and z.bijgewerkt_op >= :sinds
             group by z.ontvanger, b.bericht_type, z.status
            """;
    private static final String OPEN = """
            select z.ontvanger, count(*) as aantal, min(b.ontvangen_op) as oudste,
                   sum(case when z.status = :queued and z.pogingen > 0 and z.opgehaald_op is null then 1 else 0 end)
                       as in_herhaling,
                   max(z.pogingen) as meeste_pogingen
              from bezorging z join bericht b on b.bericht_id = z.bericht_id
             where z.%s
             group by z.ontvanger
            """.formatted(DeliveryLedger.UNSETTLED);
    private static final String LAST_SUCCESS = """
            select ontvanger, max(bijgewerkt_op) as laatste from bezorging
             where status = :delivered and bijgewerkt_op >= :sinds group by ontvanger
            """;
    private static final String FAILURES = """
            select ontvanger, bijgewerkt_op from bezorging where status = :failed and bijgewerkt_op >= :sinds
            """;

    private final JdbcClient jdbc;
    private final Clock clock;

    LedgerFigures(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Counts of one partner and message type in a window: received (as sender) and settled (as recipient). */
    public record Verkeer(String partner, String berichtType, long ontvangen, long bezorgd, long ingehouden, long mislukt) {
    }

    /** Traffic per partner and message type in the window up to now, by partner then type. */
    public List<Verkeer> verkeer(Duration window) {
        Timestamp since = Timestamp.from(clock.instant().minus(window));
        Map<String, long[]> counts = new TreeMap<>();
        jdbc.sql(RECEIVED).param("sinds", since).query(rs -> {
            counts.computeIfAbsent(key(rs.getString("afzender"), rs.getString("bericht_type")), k -> new long[4])[0] +=
                    rs.getLong("aantal");
        });
        jdbc.sql(SETTLED).param("sinds", since).param("delivered", DeliveryStatus.DELIVERED.name())
                .param("withheld", DeliveryStatus.WITHHELD.name()).param("failed", DeliveryStatus.FAILED.name())
                .query(rs -> {
                    long[] row = counts.computeIfAbsent(key(rs.getString("ontvanger"), rs.getString("bericht_type")),
                            k -> new long[4]);
                    switch (DeliveryStatus.valueOf(rs.getString("status"))) {
                        case DELIVERED -> row[1] += rs.getLong("aantal");
                        case WITHHELD -> row[2] += rs.getLong("aantal");
                        default -> row[3] += rs.getLong("aantal");
                    }
                });
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
    public record Ontvanger(long open, Instant oudsteOpen, long inHerhaling, int meestePogingen, Instant laatsteSucces,
            long mislukkingenNaSucces) {
    }

    private record Open(long open, Instant oudste, long inHerhaling, int meestePogingen) {
    }

    /** Delivery state per recipient that has had traffic in the week or has open deliveries. */
    public Map<String, Ontvanger> ontvangers() {
        Timestamp weekAgo = Timestamp.from(clock.instant().minus(WEEK));
        Map<String, Open> open = new TreeMap<>();
        jdbc.sql(OPEN).param("queued", DeliveryStatus.QUEUED.name())
                .query(rs -> {
                    open.put(rs.getString("ontvanger"), new Open(rs.getLong("aantal"), Rows.instant(rs, "oudste"),
                            rs.getLong("in_herhaling"), rs.getInt("meeste_pogingen")));
                });
        Map<String, Instant> lastSuccess = new TreeMap<>();
        jdbc.sql(LAST_SUCCESS).param("delivered", DeliveryStatus.DELIVERED.name()).param("sinds", weekAgo).query(rs -> {
            lastSuccess.put(rs.getString("ontvanger"), Rows.instant(rs, "laatste"));
        });
        Map<String, Long> failures = new TreeMap<>();
        jdbc.sql(FAILURES).param("failed", DeliveryStatus.FAILED.name()).param("sinds", weekAgo).query(rs -> {
            Instant at = Rows.instant(rs, "bijgewerkt_op");
            Instant success = lastSuccess.get(rs.getString("ontvanger"));
            if (success == null || at.isAfter(success)) {
                failures.merge(rs.getString("ontvanger"), 1L, Long::sum);
            }
        });
        Map<String, Ontvanger> result = new TreeMap<>();
        Set<String> names = new TreeSet<>(open.keySet());
        names.addAll(lastSuccess.keySet());
        names.addAll(failures.keySet());
        for (String name : names) {
            Open o = open.getOrDefault(name, new Open(0, null, 0, 0));
            result.put(name, new Ontvanger(o.open(), o.oudste(), o.inHerhaling(), o.meestePogingen(), lastSuccess.get(name),
                    failures.getOrDefault(name, 0L)));
        }
        return result;
    }

    private static String key(String partner, String berichtType) {
        return partner + "\u0000" + berichtType;
    }
}
