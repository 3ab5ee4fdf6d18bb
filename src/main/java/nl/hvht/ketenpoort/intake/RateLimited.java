package nl.hvht.ketenpoort.intake;

import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;

/** A request over its partner's rate or concurrency limit: 429 RATE_LIMITED with {@code Retry-After}. */
final class RateLimited extends Rejection {

    private final long retryAfterSeconds;

    RateLimited(long retryAfterSeconds) {
        this(retryAfterSeconds, "Te veel verzoeken; probeer het over " + retryAfterSeconds + " s opnieuw.");
    }

    /** With a detail of our own (no input in it). */
    RateLimited(long retryAfterSeconds, String safeDetail) {
        super(RejectionCode.RATE_LIMITED, safeDetail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
