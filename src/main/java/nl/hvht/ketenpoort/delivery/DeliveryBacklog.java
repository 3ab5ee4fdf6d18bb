package nl.hvht.ketenpoort.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What is still to be delivered, per recipient (for alerts and the dashboard): ids and times only. */
@Component
public class DeliveryBacklog {

    private final JdbcTemplate jdbc;

    DeliveryBacklog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Per recipient with undelivered messages (ACCEPTED or QUEUED): when the oldest of them was received. */
    public Map<String, Instant> oldestUndelivered() {
        Map<String, Instant> oldest = new TreeMap<>();
        jdbc.query("select z.ontvanger, min(b.ontvangen_op) from bezorging z join bericht b on b.bericht_id = z.bericht_id"
                + " where z.status in ('ACCEPTED','QUEUED') group by z.ontvanger",
                rs -> {
                    oldest.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
                });
        return oldest;
    }
}
