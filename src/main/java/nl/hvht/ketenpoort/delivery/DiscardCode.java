package nl.hvht.ketenpoort.delivery;

/**
 * Why an administrator discarded a dead letter, as a fixed code: this goes to the audit log, the free-text reason
 * (which may name a person) only to the ledger. Stored by name: never rename.
 */
public enum DiscardCode {
    /** The recipient no longer needs it (outdated, superseded by a later message). */
    VEROUDERD,
    /** The partner refuses it for good (e.g. it is not meant for them). */
    GEWEIGERD_DOOR_ONTVANGER,
    /** Delivered by other means (by hand, another channel). */
    ANDERS_BEZORGD,
    /** A duplicate of a message that did arrive. */
    DUBBEL,
    /** Any other reason (see the reason text in the ledger). */
    ANDERS
}
