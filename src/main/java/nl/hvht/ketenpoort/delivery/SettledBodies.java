package nl.hvht.ketenpoort.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention of message content (used by package {@code retention}): removes the received body
 * ({@code bericht.inhoud}) and the signed copies ({@code bezorging.ondertekend}) of messages whose deliveries are ALL
 * settled for good — DELIVERED, WITHHELD, or FAILED and discarded — since before a moment. Everything else stays:
 * metadata, statuses, the digest of the body, audit and consent log. A message with a delivery still open (ACCEPTED,
 * QUEUED, or FAILED and not discarded, which may still be retried) keeps its body: the consent re-check at delivery
 * may need to cut a new copy from it. A WITHHELD delivery counts as settled: once its body is gone a break-glass
 * release of it is refused ({@code DOORBRAAK_NIET_MOGELIJK}).
 */
@Component
public class SettledBodies {

    /** Settled for good; binds {@code :delivered}, {@code :withheld} and {@code :failed} (see {@link #settled}). */
    private static final String SETTLED = "(z.status in (:delivered, :withheld) or (z.status = :failed and z.afgevoerd_op is not null))";

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;

    SettledBodies(JdbcClient jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Removes the content of at most {@code limit} messages received before {@code before} whose deliveries all
     * settled before {@code before}, in one transaction; returns how many. Call again until it returns less than
     * {@code limit}.
     */
    public int removeBatch(Instant before, int limit) {
        Timestamp cutoff = Timestamp.from(before);
        Integer removed = transaction.execute(status -> {
            List<UUID> ids = settled(jdbc.sql("select b.bericht_id from bericht b where b.inhoud is not null and b.ontvangen_op < :voor"
                    + " and not exists (select 1 from bezorging z where z.bericht_id = b.bericht_id"
                    + " and (not " + SETTLED + " or z.bijgewerkt_op >= :voor))"
                    + " order by b.ontvangen_op limit :limiet")).param("voor", cutoff).param("limiet", limit)
                    .query(UUID.class).list();
            int count = 0;
            for (UUID id : ids) {
                // Checked again as each row is changed: a break-glass release or a retry may have reopened a delivery meanwhile.
                settled(jdbc.sql("update bezorging z set ondertekend = null where z.bericht_id = :id and z.ondertekend is not null and "
                        + SETTLED)).param("id", id).update();
                count += settled(jdbc.sql("update bericht b set inhoud = null where b.bericht_id = :id and not exists (select 1 from bezorging z"
                        + " where z.bericht_id = b.bericht_id and not " + SETTLED + ")")).param("id", id).update();
            }
            return count;
        });
        return removed == null ? 0 : removed;
    }

    private static JdbcClient.StatementSpec settled(JdbcClient.StatementSpec statement) {
        return statement.param("delivered", DeliveryStatus.DELIVERED.name()).param("withheld", DeliveryStatus.WITHHELD.name())
                .param("failed", DeliveryStatus.FAILED.name());
    }

}
