package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one rule for audit records inside a database transaction, on the real chain: a record written while a transaction
 * is under way is committed first, and if that transaction then rolls back (marked or by an exception) the same step is
 * on the chain again with outcome {@code TERUGGEDRAAID}, after it, and the chain still verifies; a commit adds nothing,
 * and neither does a record outside a transaction. Records appended in the transaction itself vanish with its rollback
 * (nothing to correct, no rollback record). A commit whose answer was lost is followed by the step with outcome
 * {@code ONBEKEND} instead.
 */
class AuditRollbackIT {

    private static final String KEY = "test-only-pseudonym-key-0123456789abcdef";

    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private JdbcTemplate jdbc;
    private JdbcAuditLog log;
    private AuditChainVerifier verifier;
    private TransactionTemplate transaction;

    @BeforeEach
    void chain() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestPostgres.createMigratedDatabase("audit_rollback"));
        dataSource.setMaximumPoolSize(4);
        cleanup.add(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        log = new JdbcAuditLog(jdbc, transactions, new AuditProperties(KEY, 50, Duration.ofSeconds(10)));
        log.start();
        cleanup.add(log::stop);
        verifier = new AuditChainVerifier(jdbc, transactions);
        transaction = new TransactionTemplate(transactions);
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void aRolledBackTransactionLeavesTheRecordAndThenTheRollbackRecord() {
        AuditEvent revoked = event(AuditStep.CONSENT_REVOKED, "toestemming:x@v1");

        transaction.executeWithoutResult(status -> {
            log.record(revoked);
            // committed before the transaction ends: the step is on record before anything of it is
            assertThat(outcomes()).containsExactly("CONSENT_REVOKED OK toestemming:x@v1");
            status.setRollbackOnly();
        });

        assertThat(outcomes()).containsExactly("CONSENT_REVOKED OK toestemming:x@v1",
                "CONSENT_REVOKED " + AuditLog.ROLLED_BACK + " toestemming:x@v1");
        assertThat(verifier.verify()).isEqualTo(VerificationResult.intact(2));
    }

    @Test
    void anExceptionThatRollsBackIsOnRecordTooForEveryStepOfTheTransaction() {
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            log.record(event(AuditStep.BREAK_GLASS_REQUESTED, "doorbraak:1"));
            log.recordAll(List.of(event(AuditStep.BREAK_GLASS_DECIDED, "doorbraak:1"),
                    event(AuditStep.CONSENT_CHANGED, "toestemming:y@v2")));
            throw new IllegalStateException("the step fails after it was recorded");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(outcomes()).containsExactly(
                "BREAK_GLASS_REQUESTED OK doorbraak:1",
                "BREAK_GLASS_DECIDED OK doorbraak:1",
                "CONSENT_CHANGED OK toestemming:y@v2",
                "BREAK_GLASS_REQUESTED " + AuditLog.ROLLED_BACK + " doorbraak:1",
                "BREAK_GLASS_DECIDED " + AuditLog.ROLLED_BACK + " doorbraak:1",
                "CONSENT_CHANGED " + AuditLog.ROLLED_BACK + " toestemming:y@v2");
        assertThat(verifier.verify()).isEqualTo(VerificationResult.intact(6));
    }

    @Test
    void aCommitThatFailsWithoutSayingWhetherItCommittedIsOnRecordAsUnknown() {
        // A commit that reaches the database and then loses its answer (as a connection lost during the commit does).
        DataSourceTransactionManager answerLost = new DataSourceTransactionManager(jdbc.getDataSource()) {
            @Override
            protected void doCommit(DefaultTransactionStatus status) {
                super.doCommit(status);
                throw new TransactionSystemException("the commit's answer was lost");
            }
        };
        AuditEvent changed = event(AuditStep.CONSENT_CHANGED, "toestemming:u@v3");

        assertThatThrownBy(() -> new TransactionTemplate(answerLost).executeWithoutResult(status -> log.record(changed)))
                .isInstanceOf(TransactionSystemException.class);

        // not TERUGGEDRAAID: the change may well be in the database
        assertThat(outcomes()).containsExactly("CONSENT_CHANGED OK toestemming:u@v3",
                "CONSENT_CHANGED " + AuditLog.OUTCOME_UNKNOWN + " toestemming:u@v3");
        assertThat(verifier.verify()).isEqualTo(VerificationResult.intact(2));
    }

    @Test
    void aCommitAndARecordOutsideATransactionAddNothing() {
        transaction.executeWithoutResult(status -> log.record(event(AuditStep.CONSENT_REGISTERED, "toestemming:z@v1")));
        log.record(event(AuditStep.CONSENT_CHANGED, "toestemming:z@v2"));
        // a later rollback on this thread does not reach back to records of finished transactions
        transaction.executeWithoutResult(status -> status.setRollbackOnly());

        assertThat(outcomes()).containsExactly("CONSENT_REGISTERED OK toestemming:z@v1", "CONSENT_CHANGED OK toestemming:z@v2");
        assertThat(verifier.verify()).isEqualTo(VerificationResult.intact(2));
    }

    @Test
    void recordsAppendedInTheTransactionVanishWithItsRollbackAndNeedItsTransaction() {
        transaction.executeWithoutResult(status -> {
            log.appendInTransaction(List.of(event(AuditStep.CONSENT_REVOKED, "toestemming:x@v1")));
            status.setRollbackOnly();
        });
        assertThat(outcomes()).isEmpty();
        assertThat(verifier.verify()).isEqualTo(VerificationResult.intact(0));

        assertThatThrownBy(() -> log.appendInTransaction(List.of(event(AuditStep.CONSENT_REVOKED, "toestemming:x@v1"))))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(outcomes()).isEmpty();
    }

    private List<String> outcomes() {
        return jdbc.query("select stap, uitkomst, reden from audit_record order by volgnummer",
                (rs, n) -> rs.getString("stap") + " " + rs.getString("uitkomst") + " " + rs.getString("reden"));
    }

    private static AuditEvent event(AuditStep step, String reden) {
        return new AuditEvent("t-rollback", step, null, null, "hvht", null, "p-0123456789abcdef0123456789abcdef", null,
                "OK", reden);
    }
}
