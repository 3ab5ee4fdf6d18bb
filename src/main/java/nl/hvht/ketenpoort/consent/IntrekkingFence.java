package nl.hvht.ketenpoort.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes a revocation (or a narrowing change) exact: called inside its transaction, after it locked the
 * participant's verklaringen and wrote the change, it waits until no delivery attempt that was allowed before is
 * still under way. New checks block on the lock until the transaction commits and then see the change (a delivery
 * round that still holds outcomes of attempts only tries the lock, and rolls back when it is taken, so that those
 * outcomes are recorded and this wait ends); so after the commit no partner receives anything the change ended. An attempt older than the configured wait (connect
 * plus response timeout, plus margin) no longer holds it up (it crashed or hangs), and neither does the wait
 * itself past that bound.
 */
@Component
class IntrekkingFence {

    private static final Logger log = LoggerFactory.getLogger(IntrekkingFence.class);
    private static final long POLL_MILLIS = 10;

    private final AttemptsUnderWay attempts;
    private final Duration maxWait;
    private final Clock clock;

    IntrekkingFence(AttemptsUnderWay attempts, ConsentProperties properties, Clock clock) {
        this.attempts = attempts;
        this.maxWait = properties.intrekkingMaxWait();
        this.clock = clock;
    }

    void awaitAttemptsUnderWay(String deelnemer) {
        Instant start = clock.instant();
        Instant deadline = start.plus(maxWait);
        Instant since = start.minus(maxWait);
        try {
            while (attempts.any(deelnemer, since)) {
                if (clock.instant().isAfter(deadline)) {
                    log.warn("revocation went ahead after {} with a delivery attempt still under way", maxWait);
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for delivery attempts under way", e);
        }
    }
}
