package nl.hvht.ketenpoort.bericht;

/** Status of a message for one recipient. External contract (API, scripts): never rename. */
public enum DeliveryStatus {
    /** Allowed and stored; about to be queued. */
    ACCEPTED,
    /**
     * On the recipient's durable queue, being delivered; for a partner that collects its copies ({@code bezorging: ophalen})
     * waiting in its mailbox until it acknowledges the copy.
     */
    QUEUED,
    /** The partner acknowledged receipt (HTTP 2xx, or its acknowledgement of a copy fetched from its mailbox). */
    DELIVERED,
    /** No valid ground for this recipient; see the reason. Nothing was sent. */
    WITHHELD,
    /** Delivery failed permanently or too often; the message is on the dead-letter queue. */
    FAILED
}
