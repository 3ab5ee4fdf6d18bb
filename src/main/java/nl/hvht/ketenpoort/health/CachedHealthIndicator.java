package nl.hvht.ketenpoort.health;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * A health indicator served from the last background check of another one. A check that takes longer than
 * {@code timeout} counts as DOWN; a result older than three refresh periods (the checker itself is stuck) too.
 */
final class CachedHealthIndicator implements HealthIndicator {

    private final String name;
    private final HealthIndicator delegate;
    private final Duration timeout;
    private final Duration maxAge;
    private volatile Health last;
    private volatile Instant checkedAt;

    CachedHealthIndicator(String name, HealthIndicator delegate, Duration timeout, Duration period) {
        this.name = name;
        this.delegate = delegate;
        this.timeout = timeout;
        this.maxAge = period.multipliedBy(3).plus(timeout);
        this.last = Health.unknown().withDetail("reason", "not checked yet").build();
    }

    /** One check, bounded by the timeout; called from the refresher's thread. */
    void refresh(ExecutorService checks) {
        CompletableFuture<Health> check = CompletableFuture.supplyAsync(delegate::health, checks);
        Health health;
        try {
            health = check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            health = Health.down().withDetail("reason", name + " did not answer within " + timeout).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            health = Health.down().withDetail("error", e.getClass().getSimpleName()).build();
        }
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
