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

    /**
     * Appends records in the caller's database transaction (which must exist): they are committed with its other
     * writes, in one commit, or not at all. Used where a step and its records must be durable together (the intake
     * committer, the delivery worker).
     */
    void appendInTransaction(java.util.List<AuditEvent> events);

    /**
     * For a step taken in a database transaction: appends the record now (before the commit, so nothing is done that is
     * not on record), and if that transaction then rolls back, appends the same step again with outcome
     * {@link #ROLLED_BACK}, so the chain never claims a change that did not happen. Outside a transaction it is
     * {@link #record}.
     */
    default void recordInTransaction(AuditEvent event) {
        record(event);
        if (org.springframework.transaction.support.TransactionSynchronizationManager.isSynchronizationActive()) {
            org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                    new org.springframework.transaction.support.TransactionSynchronization() {
                        @Override
                        public void afterCompletion(int status) {
                            if (status != STATUS_COMMITTED) {
                                record(event.withUitkomst(ROLLED_BACK));
                            }
                        }
                    });
        }
    }

    /** Outcome of the record that follows one whose transaction rolled back (see {@link #recordInTransaction}). */
    String ROLLED_BACK = "TERUGGEDRAAID";
}
