package nl.hvht.ketenpoort.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
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
        CachedHealthIndicator db = new CachedHealthIndicator("db", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Health.up().build();
        }, Duration.ofMillis(200), Duration.ofSeconds(1));

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
}
