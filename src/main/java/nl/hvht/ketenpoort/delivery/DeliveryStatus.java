package nl.hvht.ketenpoort.delivery;

/** Status of a message for one recipient. External contract (API, scripts): never rename. */
public enum DeliveryStatus {
    /** Allowed and stored; about to be queued. */
    ACCEPTED,
    /** On the recipient's durable queue, being delivered. */
    QUEUED,
    /** The partner acknowledged receipt (HTTP 2xx). */
    DELIVERED,
    /** No valid ground for this recipient; see the reason. Nothing was sent. */
    WITHHELD,
    /** Delivery failed permanently or too often; the message is on the dead-letter queue. */
    FAILED
}
