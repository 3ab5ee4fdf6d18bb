package nl.hvht.ketenpoort.alert;

/**
 * A condition that holds now and should be an open incident: its key, kind, partner (or null) and details (counts,
 * reason codes; never content or participant ids).
 */
record Condition(String sleutel, Incident.Soort soort, String partner, String details) {

    static Condition dlq(String details) {
        return new Condition("dlq", Incident.Soort.DLQ, null, details);
    }

    static Condition partnerFails(String partner, String details) {
        return new Condition("partner-fails:" + partner, Incident.Soort.PARTNER_FOUTEN, partner, details);
    }

    static Condition oldestUndelivered(String partner, String details) {
        return new Condition("oldest-undelivered:" + partner, Incident.Soort.OUDSTE_ONBEZORGD, partner, details);
    }
}
