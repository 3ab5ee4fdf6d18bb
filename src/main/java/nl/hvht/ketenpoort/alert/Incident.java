package nl.hvht.ketenpoort.alert;

import java.time.Instant;

/**
 * An incident: what it is about ({@code sleutel}), its kind, the partner if any, since when, the latest details
 * (counts, reason codes), when it was last notified (null: never yet) and when it was resolved (null: open).
 */
record Incident(long id, String sleutel, Soort soort, String partner, Instant geopendOp, String details, Instant laatstGemeldOp,
        Instant opgelostOp) {

    /** The kinds of incident. Stored by name: never rename. */
    enum Soort {
        /** Deliveries failed for good and are waiting on the dead-letter queue. */
        DLQ,
        /** A partner failed a number of delivery attempts in a row. */
        PARTNER_FOUTEN,
        /** The oldest undelivered message to a recipient is too old. */
        OUDSTE_ONBEZORGD
    }

    /** What a notification says about the incident. */
    enum Status {
        OPEN, HERINNERING, OPGELOST
    }

    Incident withDetails(String newDetails) {
        return new Incident(id, sleutel, soort, partner, geopendOp, newDetails, laatstGemeldOp, opgelostOp);
    }

    Incident resolved(Instant when) {
        return new Incident(id, sleutel, soort, partner, geopendOp, details, laatstGemeldOp, when);
    }
}
