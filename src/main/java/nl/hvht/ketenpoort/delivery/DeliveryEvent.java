package nl.hvht.ketenpoort.delivery;

/**
 * What delivery tells the rest of the gateway, as Spring application events (published synchronously in the delivery
 * thread: listeners must be quick and must not throw; a listener's failure is logged and ignored). Ids, partner ids and
 * outcome codes only: never content or participant ids. The alerts (package {@code alert}) listen to them.
 */
public sealed interface DeliveryEvent {

    /** The recipient the event is about. */
    String ontvanger();

    /**
     * One delivery attempt ended.
     *
     * @param ontvanger the recipient partner id
     * @param success   the partner accepted the message (HTTP 2xx)
     * @param outcome   {@code OK} or a content-free failure word ({@code HTTP_503}, {@code TIMEOUT}, ...)
     */
    record AttemptEnded(String ontvanger, boolean success, String outcome) implements DeliveryEvent {
    }

    /**
     * A delivery failed for good: FAILED in the ledger, an open dead letter with its signed copy kept for a manual retry.
     *
     * @param berichtId the message id
     * @param ontvanger the recipient partner id
     * @param outcome   the content-free failure word
     */
    record DeadLettered(String berichtId, String ontvanger, String outcome) implements DeliveryEvent {
    }
}
