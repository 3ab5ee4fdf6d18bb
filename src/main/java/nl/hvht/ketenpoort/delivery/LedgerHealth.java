package nl.hvht.ketenpoort.delivery;

import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code ledger} (part of readiness): DOWN while the intake committer's commits fail (the database
 * refuses writes: an outage, a full disk), UP again after the next commit that succeeds, without a restart. Answers
 * from the committer's last outcomes, so it never waits for the database itself.
 */
@Component("ledger")
class LedgerHealth implements HealthIndicator {

    private final Clock clock;
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile String lastError;

    LedgerHealth(Clock clock) {
        this.clock = clock;
    }

    void committed() {
        lastSuccess = clock.instant();
    }

    void failed(Throwable e) {
        lastFailure = clock.instant();
        lastError = e.getClass().getSimpleName();
    }

    @Override
    public Health health() {
        Instant failure = lastFailure;
        Instant success = lastSuccess;
        if (failure != null && (success == null || failure.isAfter(success))) {
            return Health.down().withDetail("failingSince", failure.toString()).withDetail("error", lastError).build();
        }
        Health.Builder up = Health.up();
        if (success != null) {
            up.withDetail("lastCommit", success.toString());
        }
        return up.build();
    }
}
