package nl.hvht.ketenpoort.alert;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import nl.hvht.ketenpoort.cluster.ClusterProperties;
import nl.hvht.ketenpoort.delivery.DeliveryEvent;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Listens to delivery: counts failed attempts in a row per partner (a success resets the count) with the last failure
 * word, and asks for an evaluation at once when a message is dead-lettered. Quick and never throwing (it runs in the
 * delivery thread): it only changes memory.
 *
 * <p>Cluster mode {@code local}: the counts live in memory (after a restart a partner's streak starts again from
 * zero). Mode {@code shared}: what this node saw since its last {@link #flush} is kept as a change (reset or not,
 * failures after the last reset, last word) and applied to table {@code storing_reeks} in one transaction per flush
 * (before every alert evaluation on every node, and before {@link #streaks}), so the streak is all nodes' attempts
 * together and the delivery path does no database work for it. Attempts of different nodes within one flush interval
 * are ordered per node, not between nodes: a success on one node and a failure on another in the same interval leave
 * the streak at the failures after the last applied reset.
 */
@Component
@ConditionalOnProperty(name = "ketenpoort.alert.enabled", havingValue = "true")
class ConsecutiveFailures {

    private final Map<String, Streak> streaks = new ConcurrentHashMap<>();
    private final Map<String, Change> changes = new ConcurrentHashMap<>();
    private final ProducerTemplate producer;
    private final boolean shared;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Clock clock;

    ConsecutiveFailures(ProducerTemplate producer, ClusterProperties cluster, JdbcTemplate jdbc, TransactionTemplate transaction,
            Clock clock) {
        this.producer = producer;
        this.shared = cluster.shared();
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.clock = clock;
    }

    @EventListener
    void attemptEnded(DeliveryEvent.AttemptEnded attempt) {
        if (shared) {
            changes.merge(attempt.ontvanger(), attempt.success() ? Change.RESET : new Change(false, 1, attempt.outcome()), Change::then);
        } else if (attempt.success()) {
            streaks.remove(attempt.ontvanger());
        } else {
            streaks.merge(attempt.ontvanger(), new Streak(1, attempt.outcome()), (old, one) -> new Streak(old.count() + 1, one.lastOutcome()));
        }
    }

    @EventListener
    void deadLettered(DeliveryEvent.DeadLettered deadLettered) {
        // Coalesced: the evaluation queue holds at most one request, more are dropped (the queued one sees them all).
        producer.sendBody(AlertRoutes.EVALUATE, "dlq");
    }

    /** Per partner with failures in a row: how many and the last failure word (shared mode: all nodes, after a flush). */
    Map<String, Streak> streaks() {
        if (!shared) {
            return new TreeMap<>(streaks);
        }
        flush();
        Map<String, Streak> all = new TreeMap<>();
        jdbc.query("select ontvanger, aantal, laatste_uitkomst from storing_reeks",
                rs -> {
                    all.put(rs.getString(1), new Streak(rs.getInt(2), rs.getString(3)));
                });
        return all;
    }

    /** Shared mode: applies this node's changes since the last flush to {@code storing_reeks}, in one transaction. */
    void flush() {
        if (!shared || changes.isEmpty()) {
            return;
        }
        Map<String, Change> taken = new TreeMap<>();
        for (String ontvanger : new ArrayList<>(changes.keySet())) {
            Change change = changes.remove(ontvanger);
            if (change != null) {
                taken.put(ontvanger, change);
            }
        }
        try {
            transaction.executeWithoutResult(status -> apply(taken));
        } catch (RuntimeException e) {
            // Not lost: put back before what came since, for the next flush.
            taken.forEach((ontvanger, change) -> changes.merge(ontvanger, change, (newer, older) -> older.then(newer)));
            throw e;
        }
    }

    private void apply(Map<String, Change> taken) {
        Timestamp now = Timestamp.from(clock.instant());
        List<Object[]> resets = new ArrayList<>();
        List<Object[]> added = new ArrayList<>();
        List<Object[]> replaced = new ArrayList<>();
        taken.forEach((ontvanger, change) -> {
            if (change.failures() == 0) {
                resets.add(new Object[] {ontvanger});
            } else if (change.reset()) {
                replaced.add(new Object[] {ontvanger, change.failures(), change.lastOutcome(), now});
            } else {
                added.add(new Object[] {ontvanger, change.failures(), change.lastOutcome(), now});
            }
        });
        if (!resets.isEmpty()) {
            jdbc.batchUpdate("delete from storing_reeks where ontvanger = ?", resets);
        }
        if (!replaced.isEmpty()) {
            jdbc.batchUpdate("insert into storing_reeks (ontvanger, aantal, laatste_uitkomst, bijgewerkt_op) values (?, ?, ?, ?)"
                    + " on conflict (ontvanger) do update set aantal = excluded.aantal, laatste_uitkomst = excluded.laatste_uitkomst,"
                    + " bijgewerkt_op = excluded.bijgewerkt_op", replaced);
        }
        if (!added.isEmpty()) {
            jdbc.batchUpdate("insert into storing_reeks (ontvanger, aantal, laatste_uitkomst, bijgewerkt_op) values (?, ?, ?, ?)"
                    + " on conflict (ontvanger) do update set aantal = storing_reeks.aantal + excluded.aantal,"
                    + " laatste_uitkomst = excluded.laatste_uitkomst, bijgewerkt_op = excluded.bijgewerkt_op", added);
        }
    }

    record Streak(int count, String lastOutcome) {
    }

    /** What one node saw since its last flush: a success among it ({@code reset}), the failures after the last success. */
    record Change(boolean reset, int failures, String lastOutcome) {

        static final Change RESET = new Change(true, 0, null);

        /** This change followed by {@code next}. */
        Change then(Change next) {
            return next.reset ? next : new Change(reset, failures + next.failures, next.lastOutcome);
        }
    }
}
