package nl.hvht.ketenpoort.audit;

/** The append-only, hash-chained audit log. */
public interface AuditLog {

    /**
     * Appends one record and returns once it is durably stored (committed), so a caller can act
     * knowing the step is on record. Throws if the record could not be stored.
     */
    void record(AuditEvent event);

    /**
     * Appends several records, in this order, and returns once all are durably stored. Cheaper than one
     * {@link #record} per event: they usually share one commit.
     */
    default void recordAll(java.util.List<AuditEvent> events) {
        events.forEach(this::record);
    }
}
