package nl.hvht.ketenpoort.audit;

/**
 * Thrown by {@link AuditLog#record} when the record is not known to be durably stored: the database
 * refused or failed the write, the commit did not happen within {@code ketenpoort.audit.record-timeout},
 * or the audit log is not running. The caller must treat the step as not on record (refuse, retry).
 * A record whose caller timed out may still be committed later; a duplicate step is preferred over a
 * missing one. The message holds no record content.
 */
public class AuditUnavailableException extends RuntimeException {

    AuditUnavailableException(String message) {
        super(message);
    }

    AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
