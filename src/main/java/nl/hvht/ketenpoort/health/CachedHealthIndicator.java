package nl.hvht.ketenpoort.health;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health indicator served from the last background check of another one. A check that takes longer than
 * {@code timeout} counts as DOWN; a result older than three refresh periods (the checker itself is stuck) too. A check
 * that hangs is not started again until it has returned: a resource that blocks its callers (a connection attempt to an
 * absent broker may wait for ever) holds one thread, not one more every period.
 */
final class CachedHealthIndicator implements HealthIndicator {

    private final String name;
    private final HealthIndicator delegate;
    private final Duration timeout;
    private final Duration maxAge;
    private volatile Health last;
    private volatile Instant checkedAt;
    /** The check under way, and since when; only the refresher's thread reads and writes them. */
    private CompletableFuture<Health> running;
    private Instant runningSince;

    CachedHealthIndicator(String name, HealthIndicator delegate, Duration timeout, Duration period) {
        this.name = name;
        this.delegate = delegate;
        this.timeout = timeout;
        this.maxAge = period.multipliedBy(3).plus(timeout);
        this.last = Health.unknown().withDetail("reason", "not checked yet").build();
    }

    /** One check, bounded by the timeout; called from the refresher's thread. */
    void refresh(ExecutorService checks) {
        if (running != null && !running.isDone()) {
            Duration waited = Duration.between(runningSince, Instant.now());
            if (waited.compareTo(timeout) > 0) {
                record(Health.down().withDetail("reason", name + " did not answer within " + timeout)
                        .withDetail("waitingFor", waited.toSeconds() + "s").build());
            }
            return;
        }
        if (running == null) {
            running = CompletableFuture.supplyAsync(delegate::health, checks);
            runningSince = Instant.now();
        }
        Health health;
        try {
            health = running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            running = null;
        } catch (TimeoutException e) {
            health = Health.down().withDetail("reason", name + " did not answer within " + timeout).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | RuntimeException e) {
            running = null;
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            health = Health.down().withDetail("error", cause.getClass().getSimpleName()).build();
        }
        record(health);
    }

    private void record(Health health) {
        last = health;
        checkedAt = Instant.now();
    }

    @Override
    public Health health() {
        Instant at = checkedAt;
        if (at != null && Instant.now().isAfter(at.plus(maxAge))) {
            return Health.down().withDetail("reason", name + " check is overdue").build();
        }
        return last;
    }
}
