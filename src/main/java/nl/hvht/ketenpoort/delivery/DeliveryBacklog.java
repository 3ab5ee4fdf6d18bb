package nl.hvht.ketenpoort.delivery;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What is still to be delivered, per recipient (for alerts and the dashboard): ids and times only. */
@Component
public class DeliveryBacklog {

    private final JdbcClient jdbc;

    DeliveryBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per recipient with undelivered messages (ACCEPTED or QUEUED): when the oldest of them was received. */
    public Map<String, Instant> oldestUndelivered() {
        Map<String, Instant> oldest = new TreeMap<>();
        jdbc.sql("select z.ontvanger, min(b.ontvangen_op) as oudste from bezorging z join bericht b on b.bericht_id = z.bericht_id"
                        + " where z." + DeliveryLedger.UNSETTLED + " group by z.ontvanger")
                .query(rs -> {
                    oldest.put(rs.getString("ontvanger"), Rows.instant(rs, "oudste"));
                });
        return oldest;
    }
}
