package nl.hvht.ketenpoort.audit;

/** The append-only, hash-chained audit log. */
public interface AuditLog {

    /**
     * Appends one record and returns once it is durably stored (committed), so a caller can act
     * knowing the step is on record. Throws if the record could not be stored.
     */
    void record(AuditEvent event);
}
