package nl.hvht.ketenpoort.audit;

/** The steps of a message's life that each leave one audit record. Stored by name: never rename. */
public enum AuditStep {
    RECEIVED,
    REJECTED,
    CONSENT_DECISION,
    QUEUED,
    DELIVERY_ATTEMPT,
    DELIVERED,
    WITHHELD,
    DEAD_LETTERED,
    CONSENT_REGISTERED,
    CONSENT_REVOKED
}
