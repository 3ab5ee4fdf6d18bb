package nl.hvht.ketenpoort.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Two nodes (two ClusterLocks on one database): a periodic job runs on one of them at a time. */
class ClusterLockIT {

    private DataSource dataSource;
    private ClusterLock first;
    private ClusterLock second;

    @BeforeEach
    void twoNodes() {
        dataSource = TestPostgres.migrated("cluster_lock");
        first = new ClusterLock(dataSource, properties("node-a"));
        second = new ClusterLock(dataSource, properties("node-b"));
    }

    static ClusterProperties properties(String nodeId) {
        return new ClusterProperties(ClusterProperties.Mode.SHARED, nodeId, Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    @Test
    void whileOneNodeRunsTheJobTheOtherSkipsIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> onFirst = CompletableFuture.supplyAsync(() -> first.runAlone("retention", Duration.ZERO,
                Duration.ofMinutes(1), () -> {
                    runs.incrementAndGet();
                    inside.countDown();
                    await(release);
                }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).as("the first node runs the job").isTrue();

        boolean ranOnSecond = second.runAlone("retention", Duration.ZERO, Duration.ofMinutes(1), runs::incrementAndGet);

        assertThat(ranOnSecond).as("the second node skips while the first holds the lock").isFalse();
        assertThat(new JdbcTemplate(dataSource).queryForObject("select locked_by from shedlock where name = 'retention'", String.class))
                .isEqualTo("node-a");
        release.countDown();
        assertThat(onFirst.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(runs).hasValue(1);

        assertThat(second.runAlone("retention", Duration.ZERO, Duration.ofMinutes(1), runs::incrementAndGet))
                .as("after the run the lock is free for the next").isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aLockKeptForAtLeastAPeriodMakesOneRunPerPeriodOverAllNodes() {
        AtomicInteger runs = new AtomicInteger();
        for (int tick = 0; tick < 3; tick++) {
            first.runAlone("retention", Duration.ofHours(12), Duration.ofHours(12), runs::incrementAndGet);
            second.runAlone("retention", Duration.ofHours(12), Duration.ofHours(12), runs::incrementAndGet);
        }
        assertThat(runs).as("both nodes' timers fired three times; the job ran once").hasValue(1);
    }

    @Test
    void locksOfDifferentJobsDoNotMeet() {
        AtomicInteger runs = new AtomicInteger();
        first.runAlone("retention", Duration.ofHours(1), Duration.ofHours(1), runs::incrementAndGet);
        assertThat(second.runAlone("alert-evaluate", Duration.ZERO, Duration.ofMinutes(5), runs::incrementAndGet)).isTrue();
        assertThat(runs).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
