package nl.hvht.ketenpoort.consent;

import java.time.Instant;

/**
 * Delivery attempts that passed their consent check and have not finished yet (the delivery side keeps them). A
 * revocation or change waits for these before it commits, so nothing reaches a partner after it took effect.
 */
public interface AttemptsUnderWay {

    /** True if an attempt for this participant started at or after {@code since} and has not finished. */
    boolean any(String deelnemer, Instant since);
}
