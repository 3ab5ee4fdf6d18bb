package nl.hvht.ketenpoort.audit;

/** The append-only, hash-chained audit log. */
public interface AuditLog {

    /**
     * Appends one record and returns once it is durably stored (committed), so a caller can act
     * knowing the step is on record. Throws if the record could not be stored.
     *
     * <p>Called inside a database transaction (the caller's; the record does not join it, it is committed first, so
     * nothing is done that is not on record), the record is followed, if that transaction then does not commit, by the
     * same step again with outcome {@link #ROLLED_BACK}: the chain never claims a change that did not happen. That
     * holds from the moment the record is queued, so also when it is committed only after the caller stopped waiting
     * (this method then throws, and the caller's transaction rolls back). Where the transaction's own commit failed
     * without telling whether the database committed (a connection lost during the commit), the follow-up record says
     * {@link #OUTCOME_UNKNOWN} instead. There is no way to record inside a transaction without that; it is the
     * implementation's rule, not the caller's choice.
     */
    void record(AuditEvent event);

    /**
     * Appends several records, in this order, and returns once all are durably stored. Cheaper than one
     * {@link #record} per event: they usually share one commit. Inside a database transaction as {@link #record}: a
     * rollback of that transaction is on record too.
     */
    default void recordAll(java.util.List<AuditEvent> events) {
        events.forEach(this::record);
    }

    /**
     * Appends records in the caller's database transaction (which must exist): they are committed with its other
     * writes, in one commit, or not at all (so a rollback leaves no record to correct, and none follows). Used where a
     * step and its records must be durable together (the intake committer, the delivery worker).
     */
    void appendInTransaction(java.util.List<AuditEvent> events);

    /** Outcome of the record that follows one whose transaction rolled back (see {@link #record}). */
    String ROLLED_BACK = "TERUGGEDRAAID";

    /**
     * Outcome of the record that follows one whose transaction ended without knowing whether it committed (see
     * {@link #record}): the database has the answer, the chain says it is not known here.
     */
    String OUTCOME_UNKNOWN = "ONBEKEND";
}
