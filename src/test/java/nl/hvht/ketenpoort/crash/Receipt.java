package nl.hvht.ketenpoort.crash;

import java.time.Instant;

/**
 * One POST as the partner receiver logged it, before it answered: the node that sent it (the path prefix before
 * {@code /ontvangst/}; empty when the run has one gateway), the recipient (the last path segment under
 * {@code /ontvangst/}), the headers {@code Ketenpoort-BerichtId} and {@code Idempotency-Key}, when it arrived and the
 * status the receiver answered (200, or 503 while it plays unavailable). Only a 2xx receipt is a delivery.
 */
record Receipt(String node, String ontvanger, String berichtId, String idempotencyKey, Instant at, int status) {

    /** A receipt of the one gateway of a run with a single node. */
    Receipt(String ontvanger, String berichtId, String idempotencyKey, Instant at, int status) {
        this("", ontvanger, berichtId, idempotencyKey, at, status);
    }

    boolean accepted() {
        return status >= 200 && status < 300;
    }
}
