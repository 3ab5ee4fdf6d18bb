package nl.hvht.ketenpoort.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** Health answers from the last background check: at once, also while the resource hangs. */
class CachedHealthIndicatorTest {

    private final ExecutorService checks = Executors.newCachedThreadPool();
    private final CountDownLatch never = new CountDownLatch(1);

    @AfterEach
    void stop() {
        never.countDown();
        checks.shutdownNow();
    }

    @Test
    void aHangingCheckIsDownAfterItsTimeoutAndHealthNeverWaitsForIt() {
        CachedHealthIndicator db = new CachedHealthIndicator("db", upAfter(never, new AtomicInteger()),
                Duration.ofMillis(200), Duration.ofSeconds(1));

        long start = System.nanoTime();
        assertThat(db.health().getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        db.refresh(checks);
        start = System.nanoTime();
        assertThat(db.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void aResourceThatComesBackIsUpAtTheNextCheck() {
        boolean[] up = {false};
        CachedHealthIndicator jms = new CachedHealthIndicator("jms", () -> up[0] ? Health.up().build()
                : Health.down().build(), Duration.ofSeconds(1), Duration.ofSeconds(1));
        jms.refresh(checks);
        assertThat(jms.health().getStatus()).isEqualTo(Status.DOWN);

        up[0] = true;
        jms.refresh(checks);
        assertThat(jms.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aHangingCheckIsNotStartedAgainUntilItReturns() {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch hang = new CountDownLatch(1);
        CachedHealthIndicator jms = new CachedHealthIndicator("jms", upAfter(hang, calls), Duration.ofMillis(100),
                Duration.ofSeconds(1));

        for (int i = 0; i < 5; i++) {
            jms.refresh(checks);
        }
        assertThat(calls).hasValue(1);
        assertThat(jms.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(jms.health().getDetails()).containsEntry("reason", "jms did not answer within PT0.1S");

        hang.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            jms.refresh(checks);
            return jms.health().getStatus().equals(Status.UP);
        });
        jms.refresh(checks);
        assertThat(calls).hasValue(2);
    }

    /** A check that counts its calls and hangs until the latch opens, then says UP. */
    private static HealthIndicator upAfter(CountDownLatch latch, AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Health.up().build();
        };
    }
}
