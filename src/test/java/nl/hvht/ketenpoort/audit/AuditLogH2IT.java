package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import nl.hvht.ketenpoort.audit.VerificationResult.Problem;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The same migration, writer and verifier on H2 in PostgreSQL mode, as the embedded demo runs them. */
class AuditLogH2IT {

    @Test
    void chainsAndVerifiesOnH2() throws Exception {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                "jdbc:h2:mem:audit;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        JdbcAuditLog log = new JdbcAuditLog(jdbc, transactions,
                new AuditProperties("test-only-pseudonym-key-0123456789abcdef", 50, Duration.ofSeconds(10)));
        AuditChainVerifier verifier = new AuditChainVerifier(jdbc, transactions);
        log.start();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String trace = "h" + t;
                writers.add(() -> {
                    for (int i = 0; i < 100; i++) {
                        log.record(new AuditEvent(trace, AuditStep.RECEIVED, "msg-" + i, "verwijzing", "hvht", null,
                                null, null, "OK", null));
                    }
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
        } finally {
            pool.shutdown();
            log.stop();
        }

        assertThat(verifier.verify()).isEqualTo(VerificationResult.intact(400));
        jdbc.update("update audit_record set uitkomst = 'HTTP_503' where volgnummer = 200");
        assertThat(verifier.verify()).isEqualTo(VerificationResult.broken(199, 200L, Problem.HASH_MISMATCH));
    }
}
