package nl.hvht.ketenpoort.intake;

import nl.hvht.ketenpoort.bericht.Rejection;
import nl.hvht.ketenpoort.bericht.RejectionCode;

/** A request over its partner's rate limit: 429 RATE_LIMITED with {@code Retry-After}. */
final class RateLimited extends Rejection {

    private final long retryAfterSeconds;

    RateLimited(long retryAfterSeconds) {
        super(RejectionCode.RATE_LIMITED, "Te veel verzoeken; probeer het over " + retryAfterSeconds + " s opnieuw.");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
