package nl.hvht.ketenpoort.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private static final String SETTLED = "(z.status in ('DELIVERED','WITHHELD') or (z.status = 'FAILED' and z.afgevoerd_op is not null))";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    SettledBodies(JdbcTemplate jdbc, TransactionTemplate transaction) {
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
            List<UUID> ids = jdbc.queryForList("select b.bericht_id from bericht b where b.inhoud is not null and b.ontvangen_op < ?"
                    + " and not exists (select 1 from bezorging z where z.bericht_id = b.bericht_id"
                    + " and (not " + SETTLED + " or z.bijgewerkt_op >= ?))"
                    + " order by b.ontvangen_op limit ?", UUID.class, cutoff, cutoff, limit);
            int count = 0;
            for (UUID id : ids) {
                // Checked again as each row is changed: a break-glass release or a retry may have reopened a delivery meanwhile.
                jdbc.update("update bezorging z set ondertekend = null where z.bericht_id = ? and z.ondertekend is not null and " + SETTLED, id);
                count += jdbc.update("update bericht b set inhoud = null where b.bericht_id = ? and not exists (select 1 from bezorging z"
                        + " where z.bericht_id = b.bericht_id and not " + SETTLED + ")", id);
            }
            return count;
        });
        return removed == null ? 0 : removed;
    }

}
