package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** A step audited inside a transaction that then rolls back is followed by a record saying so; a commit adds nothing. */
class AuditInTransactionTest {

    private final List<AuditEvent> recorded = new ArrayList<>();
    private final AuditLog audit = new AuditLog() {
        @Override
        public void record(AuditEvent event) {
            recorded.add(event);
        }

        @Override
        public void appendInTransaction(List<AuditEvent> events) {
            recorded.addAll(events);
        }
    };
    private final AuditEvent revoked = new AuditEvent("t", AuditStep.CONSENT_REVOKED, null, null, "hvht", null, "p-1", null,
            "OK", "toestemming:x@v1");

    @AfterEach
    void clear() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    private void complete(int status) {
        TransactionSynchronizationManager.getSynchronizations().forEach(s -> s.afterCompletion(status));
    }

    @Test
    void aRollbackIsOnRecordToo() {
        TransactionSynchronizationManager.initSynchronization();
        audit.recordInTransaction(revoked);
        assertThat(recorded).containsExactly(revoked);

        complete(TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(recorded).hasSize(2);
        assertThat(recorded.get(1).step()).isEqualTo(AuditStep.CONSENT_REVOKED);
        assertThat(recorded.get(1).uitkomst()).isEqualTo(AuditLog.ROLLED_BACK);
        assertThat(recorded.get(1).reden()).isEqualTo(revoked.reden());
    }

    @Test
    void aCommitAddsNothingAndOutsideATransactionItIsARecord() {
        TransactionSynchronizationManager.initSynchronization();
        audit.recordInTransaction(revoked);
        complete(TransactionSynchronization.STATUS_COMMITTED);
        TransactionSynchronizationManager.clearSynchronization();
        audit.recordInTransaction(revoked);
        assertThat(recorded).containsExactly(revoked, revoked);
    }
}
