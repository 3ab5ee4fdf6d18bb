package nl.hvht.ketenpoort.delivery;

/**
 * A partner that must answer with a signed receipt ({@code ontvangstbewijs-verplicht}) answered 2xx without a valid
 * one: a failed attempt, retried like any other. The message holds only the reason code.
 */
class OntvangstbewijsRequiredException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;

    OntvangstbewijsRequiredException(String reason) {
        super("receipt required: " + reason, null, false, false);
        this.reason = reason;
    }

    /** The outcome word for the ledger and audit log: {@code RECEIPT_<reason>}. */
    String outcome() {
        return "RECEIPT_" + reason;
    }
}
