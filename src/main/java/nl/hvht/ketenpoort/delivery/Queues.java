package nl.hvht.ketenpoort.delivery;

/** Queue names. Operators and the admin console use them: keep them stable. */
final class Queues {

    /** Prefix of the per-recipient delivery queues: {@code ketenpoort.bezorging.<partnerId>}. */
    static final String DELIVERY_PREFIX = "ketenpoort.bezorging.";
    /** Wildcard address match for all delivery queues (Artemis address settings). */
    static final String DELIVERY_MATCH = DELIVERY_PREFIX + "#";
    /** Dead letters of every recipient. */
    static final String DEAD_LETTER = "ketenpoort.dlq";

    private Queues() {
    }

    static String deliveryQueue(String partnerId) {
        return DELIVERY_PREFIX + partnerId;
    }
}
