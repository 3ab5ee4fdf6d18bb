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
    CONSENT_REVOKED,
    CONSENT_CHANGED,
    /** An administrator asked to release a withheld message to one recipient (break-glass). */
    BREAK_GLASS_REQUESTED,
    /** A second administrator approved (or refused) a break-glass request. */
    BREAK_GLASS_DECIDED,
    /** Someone entitled read a participant's disclosure report. */
    DISCLOSURE_REPORT,
    /** A partner's signed receipt for a delivery was verified and stored as proof of delivery. */
    RECEIPT_VERIFIED,
    /** A partner answered a delivery with a receipt that failed verification (outcome: the reason code). */
    RECEIPT_REJECTED,
    /** An administrator viewed or downloaded the stored receipts of a message. */
    RECEIPT_VIEWED,
    /**
     * A console login step: outcome OK, WACHTWOORD_FOUT, TOTP_FOUT or GEBLOKKEERD (actor beheerder:<naam>); a lock that
     * starts is GEBLOKKEERD with {@code blokkade:<scope> tot:<time>} in the reason, one that ends VRIJGEGEVEN.
     */
    ADMIN_LOGIN,
    /** An administrator logged out. */
    ADMIN_LOGOUT,
    /** An administrator viewed a console page that shows a participant's data. */
    ADMIN_VIEW,
    /** An administrator acted from the console (retry, discard, ...). */
    ADMIN_ACTION,
    /** An administrator queued a dead-lettered (FAILED) delivery again; the consent check runs again at delivery. */
    DEAD_LETTER_RETRIED,
    /** An administrator discarded a dead-lettered delivery (it stays FAILED); the reason code, never the reason text. */
    DEAD_LETTER_DISCARDED,
    /** A partner listed its mailbox (postbus); the reason holds how many copies the page named, never which. */
    POSTBUS_LISTED,
    /** A partner fetched a copy from its mailbox after the consent re-check allowed it (reason: the attempt number). */
    POSTBUS_FETCHED,
    /** A partner acknowledged a fetched copy (outcome OK, or HERHAALD for a repeat of an acknowledged one). */
    POSTBUS_ACKNOWLEDGED,
    /** A privacy officer exported audit records (GET /beheer/api/v1/audit/export); the period in the reason. */
    AUDIT_EXPORT,
    /**
     * The gateway made its Retourbericht for a message whose recipients have all settled (reason
     * {@code retourbericht-voor:<berichtId>}); QUEUED or WITHHELD follows as for a message at intake.
     */
    RETURN_MESSAGE_CREATED
}
