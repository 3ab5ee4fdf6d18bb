package nl.hvht.ketenpoort.cluster;

import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs a periodic job on one node at a time: a ShedLock lock row per job name in table {@code shedlock}, timed by the
 * database's clock (the nodes' clocks need not agree), {@code locked_by} the node id. A node whose timer fires while
 * another holds the lock skips that run. A node that dies holding a lock holds it at most {@code atMostFor}; after that
 * another may run the job, so a job guarded here must be safe to run twice (every guarded job is: each re-derives its
 * work from the database). The same in both cluster modes: one node takes its lock uncontended.
 */
@Component
public class ClusterLock {

    private final LockingTaskExecutor executor;

    public ClusterLock(DataSource dataSource, ClusterProperties properties) {
        this.executor = new DefaultLockingTaskExecutor(new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
                .withJdbcTemplate(new JdbcTemplate(dataSource))
                .usingDbTime()
                .withLockedByValue(properties.nodeId())
                .build()));
    }

    /**
     * Runs {@code job} if no other node holds the lock {@code name}; keeps the lock at least {@code atLeastFor} (other
     * nodes skip their runs in that time) and at most {@code atMostFor}. Returns whether this node ran it.
     */
    public boolean runAlone(String name, Duration atLeastFor, Duration atMostFor, Runnable job) {
        try {
            return executor.executeWithLock(() -> {
                job.run();
                return Boolean.TRUE;
            }, new LockConfiguration(Instant.now(), name, atMostFor, atLeastFor)).wasExecuted();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("periodic job " + name + " failed", e);
        }
    }
}
