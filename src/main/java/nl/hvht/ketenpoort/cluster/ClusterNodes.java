package nl.hvht.ketenpoort.cluster;

import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The live gateway nodes (table {@code knooppunt}). In shared mode every node writes its heartbeat every
 * {@code heartbeat} and counts the nodes seen within {@code node-timeout} (database time); {@link #liveNodes()} is that
 * count as of the last heartbeat, read without any database work, so the partner API divides its limits by it on every
 * request for free. A stopping node deletes its row (the others' shares grow at their next heartbeat); one that dies
 * is no longer counted after {@code node-timeout}. In local mode: always 1, no table work. A second live process
 * writing under the same node id (whose attempt leases would then be mistaken for its own) is logged as an error.
 */
@Component
public class ClusterNodes implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodes.class);

    private final JdbcTemplate jdbc;
    private final ClusterProperties properties;
    private final String instance = UUID.randomUUID().toString();
    private volatile int live = 1;
    private volatile boolean beaten;
    private volatile ScheduledExecutorService timer;
    private volatile boolean running;

    public ClusterNodes(JdbcTemplate jdbc, ClusterProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** How many nodes share the limits now: at least 1 (this one). */
    public int liveNodes() {
        return live;
    }

    /** One heartbeat: notes this node alive, counts the live nodes. Public for tests; the timer calls it. */
    public void beat() {
        String seen = jdbc.query("select instantie from knooppunt where node_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, properties.nodeId());
        if (beaten && seen != null && !seen.equals(instance)) {
            LOG.error("another live gateway process writes under node id {}: give every node its own ketenpoort.delivery.node-id",
                    properties.nodeId());
        }
        jdbc.update("""
                insert into knooppunt (node_id, instantie, gestart_op, gezien_op) values (?, ?, now(), now())
                on conflict (node_id) do update set instantie = excluded.instantie, gezien_op = excluded.gezien_op,
                       gestart_op = case when knooppunt.instantie = excluded.instantie then knooppunt.gestart_op else excluded.gestart_op end
                """, properties.nodeId(), instance);
        Integer count = jdbc.queryForObject("select count(*) from knooppunt where gezien_op > now() - make_interval(secs => ?)",
                Integer.class, properties.nodeTimeout().toMillis() / 1000.0);
        live = Math.max(1, count == null ? 1 : count);
        beaten = true;
    }

    /** This node leaves: its row is deleted, so the others stop counting it. */
    void leave() {
        jdbc.update("delete from knooppunt where node_id = ? and instantie = ?", properties.nodeId(), instance);
        live = 1;
    }

    @Override
    public void start() {
        running = true;
        if (!properties.shared()) {
            return;
        }
        beat();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "knooppunt-hartslag");
            thread.setDaemon(true);
            return thread;
        });
        long period = properties.heartbeat().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                beat();
            } catch (RuntimeException e) {
                // The database is away: keep the last count (the limits stay as they were) and try again.
                LOG.warn("node heartbeat failed: {}", e.getClass().getName());
            }
        }, period, period, TimeUnit.MILLISECONDS);
        timer = executor;
        LOG.info("cluster mode shared: node {} of {} live node(s)", properties.nodeId(), live);
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = timer;
        if (executor == null) {
            return;
        }
        executor.shutdownNow();
        timer = null;
        try {
            leave();
        } catch (RuntimeException e) {
            LOG.warn("node {} could not remove its heartbeat: {}", properties.nodeId(), e.getClass().getName());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Started before Tomcat and Camel take work, stopped after them (before the database closes).
        return Integer.MIN_VALUE + 1000;
    }
}
