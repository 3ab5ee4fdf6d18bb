package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.hvht.ketenpoort.audit.VerificationResult.Problem;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class AuditLogIT {

    private static final String KEY = "test-only-pseudonym-key-0123456789abcdef";

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    @Test
    void concurrentWritersBuildOneContiguousChain() throws Exception {
        Chain chain = chain("audit_concurrent", Duration.ofSeconds(10));
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.intact(0));

        int threads = 8;
        int perThread = 500;
        long millis = writeConcurrently(chain.log(), threads, perThread, "w");
        System.out.printf("AUDIT THROUGHPUT: %d threads x %d records in %d ms = %.0f records/s%n",
                threads, perThread, millis, threads * perThread * 1000.0 / millis);

        int total = threads * perThread;
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.intact(total));
        assertThat(chain.jdbc().queryForObject("select laatste_volgnummer from audit_keten_kop", Long.class))
                .isEqualTo(total);
        // Each caller's records are on the chain in the order it recorded them (record() is synchronous).
        Map<String, Integer> lastIndexPerWriter = new HashMap<>();
        chain.jdbc().query("select trace_id, reden from audit_record order by volgnummer", rs -> {
            int index = Integer.parseInt(rs.getString("reden"));
            Integer previous = lastIndexPerWriter.put(rs.getString("trace_id"), index);
            assertThat(index).isEqualTo(previous == null ? 0 : previous + 1);
        });
        assertThat(lastIndexPerWriter).hasSize(threads).allSatisfy((w, last) -> assertThat(last).isEqualTo(perThread - 1));
        // Group commit did happen: records of one transaction share their tijdstip.
        Integer transactions = chain.jdbc().queryForObject("select count(distinct tijdstip) from audit_record",
                Integer.class);
        assertThat(transactions).isLessThan(total);
        System.out.printf("AUDIT GROUP COMMIT: %d records in %d transactions%n", total, transactions);

        long manyMillis = writeConcurrently(chain.log(), 64, 200, "m");
        System.out.printf("AUDIT THROUGHPUT: 64 threads x 200 records in %d ms = %.0f records/s%n",
                manyMillis, 64 * 200 * 1000.0 / manyMillis);
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.intact(total + 64 * 200));
    }

    @Test
    void theDatabaseChainsAwkwardValuesExactlyAsTheSpecificationInJava() {
        Chain chain = chain("audit_awkward", Duration.ofSeconds(10));
        String multiByte = "é日本😀";
        List<AuditEvent> events = List.of(
                new AuditEvent(null, AuditStep.REJECTED, null, null, null, null, null, EnumSet.noneOf(Categorie.class),
                        null, null),
                new AuditEvent("", AuditStep.RECEIVED, "", "", "", "", "", EnumSet.noneOf(Categorie.class), "", ""),
                new AuditEvent("t-" + multiByte, AuditStep.CONSENT_DECISION, "msg-" + multiByte, "trajectplan", "hvht",
                        "gemeente-almelo", "p-0123456789abcdef0123456789abcdef", EnumSet.allOf(Categorie.class), "ALLOWED",
                        multiByte.repeat(100)),
                event("plain", 0));
        chain.log().recordAll(events);
        chain.log().record(event("plain", 1));

        // The verifier recomputes every hash in Java (AuditHash) from the stored columns and follows the links.
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.intact(events.size() + 1));
        assertThat(chain.jdbc().queryForList("select volgnummer from audit_record order by volgnummer", Long.class))
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(chain.jdbc().queryForObject("select vorige_hash from audit_record where volgnummer = 1", String.class))
                .isEqualTo(AuditRecord.GENESIS_HASH);
        assertThat(chain.jdbc().queryForObject("select reden from audit_record where volgnummer = 3", String.class))
                .isEqualTo(multiByte.repeat(100));
        assertThat(chain.jdbc().queryForObject(
                "select count(*) from audit_record where hash_versie = 2 and hash ~ '^[0-9a-f]{64}$'", Integer.class))
                .isEqualTo(5);
    }

    @Test
    void twoWritersOnOneDatabaseLikeTwoNodesBuildOneChain() throws Exception {
        Chain chain = chain("audit_two_nodes", Duration.ofSeconds(10));
        JdbcAuditLog other = new JdbcAuditLog(chain.jdbc(), new DataSourceTransactionManager(chain.jdbc().getDataSource()),
                new AuditProperties(KEY, 500, Duration.ofSeconds(10)));
        other.start();
        cleanup.add(other::stop);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Long> first = pool.submit(() -> writeConcurrently(chain.log(), 4, 200, "a"));
            Future<Long> second = pool.submit(() -> writeConcurrently(other, 4, 200, "b"));
            first.get(60, TimeUnit.SECONDS);
            second.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
        }
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.intact(2 * 4 * 200));
        assertThat(chain.jdbc().queryForObject("select laatste_volgnummer from audit_keten_kop", Long.class))
                .isEqualTo(2 * 4 * 200);
    }

    @Test
    void databaseRefusesUpdateDeleteAndTruncate() {
        Chain chain = chain("audit_append_only", Duration.ofSeconds(10));
        writeSequentially(chain.log(), 5);
        JdbcTemplate jdbc = chain.jdbc();

        assertThatThrownBy(() -> jdbc.update("update audit_record set uitkomst = 'X' where volgnummer = 3"))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_record where volgnummer = 5"))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_record"))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_keten_kop"))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("audit_keten_kop");
        assertThatThrownBy(() -> jdbc.update("update audit_keten_kop set laatste_volgnummer = 4"))
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("forward");

        assertThat(jdbc.queryForObject("select count(*) from audit_record", Integer.class)).isEqualTo(5);
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.intact(5));
    }

    @Test
    void aRoutineCheckStartsAtTheLastFullChecksCheckpointAndStillFindsEditsAfterIt() {
        Chain chain = chain("audit_checkpoint", Duration.ofSeconds(10));
        writeSequentially(chain.log(), 20);
        assertThat(chain.verifier().verifyFull()).isEqualTo(VerificationResult.intact(20));
        writeSequentially(chain.log(), 10);
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.intact(30));

        asAttacker(chain.jdbc(), "update audit_record set ontvanger = 'tactus' where volgnummer = 25");
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.broken(24, 25L, Problem.HASH_MISMATCH));
    }

    @Test
    void anEditOfTheCheckpointRecordIsFoundByTheRoutineCheckAndOneBeforeItByTheFullCheck() {
        Chain chain = chain("audit_checkpoint_edit", Duration.ofSeconds(10));
        writeSequentially(chain.log(), 20);
        assertThat(chain.verifier().verifyFull()).isEqualTo(VerificationResult.intact(20));

        asAttacker(chain.jdbc(), "update audit_record set ontvanger = 'tactus' where volgnummer = 7");
        assertThat(chain.verifier().verifyFull()).isEqualTo(VerificationResult.broken(6, 7L, Problem.HASH_MISMATCH));
        asAttacker(chain.jdbc(), "update audit_record set ontvanger = 'tactus' where volgnummer = 20");
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.broken(0, 20L, Problem.HASH_MISMATCH));
    }

    @Test
    void editedFieldIsNamed() {
        Chain chain = chain("audit_edit", Duration.ofSeconds(10));
        writeSequentially(chain.log(), 30);
        asAttacker(chain.jdbc(), "update audit_record set ontvanger = 'tactus' where volgnummer = 15");
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.broken(14, 15L, Problem.HASH_MISMATCH));
    }

    @Test
    void editedFieldWithRecomputedHashBreaksTheLinkToTheNextRecord() {
        Chain chain = chain("audit_rehash", Duration.ofSeconds(10));
        writeSequentially(chain.log(), 30);
        AuditRecord stored = chain.jdbc().queryForObject("select * from audit_record where volgnummer = 15",
                (rs, i) -> AuditChainVerifier.read(rs));
        AuditRecord original = new AuditRecord(15, stored.tijdstip(), stored.traceId(), stored.stap(), stored.berichtId(),
                stored.berichtType(), stored.afzender(), "tactus", stored.deelnemerPseudoniem(), stored.categorieen(),
                stored.uitkomst(), stored.reden(), stored.vorigeHash(), null, stored.logboek());
        String forged = AuditHash.of(original);
        asAttacker(chain.jdbc(), "update audit_record set ontvanger = 'tactus', hash = '" + forged
                + "' where volgnummer = 15");
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.broken(15, 16L, Problem.CHAIN_BROKEN));
    }

    @Test
    void deletedRecordIsNamedAsGap() {
        Chain chain = chain("audit_gap", Duration.ofSeconds(10));
        writeSequentially(chain.log(), 30);
        asAttacker(chain.jdbc(), "delete from audit_record where volgnummer = 15");
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.broken(14, 15L, Problem.SEQUENCE_GAP));
    }

    @Test
    void swappedRecordsNameTheFirstOfThem() {
        Chain chain = chain("audit_swap", Duration.ofSeconds(10));
        writeSequentially(chain.log(), 30);
        asAttacker(chain.jdbc(), """
                update audit_record a set (tijdstip, trace_id, stap, bericht_id, bericht_type, afzender, ontvanger,
                        deelnemer_pseudoniem, categorieen, uitkomst, reden, vorige_hash, hash) =
                    (select b.tijdstip, b.trace_id, b.stap, b.bericht_id, b.bericht_type, b.afzender, b.ontvanger,
                            b.deelnemer_pseudoniem, b.categorieen, b.uitkomst, b.reden, b.vorige_hash, b.hash
                     from audit_record b where b.volgnummer = case a.volgnummer when 10 then 20 else 10 end)
                where a.volgnummer in (10, 20)""");
        assertThat(chain.jdbc().queryForObject("select reden from audit_record where volgnummer = 10", String.class))
                .isEqualTo("19");
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.broken(9, 10L, Problem.HASH_MISMATCH));
    }

    @Test
    void cutOffTailIsAHeadMismatch() {
        Chain chain = chain("audit_tail", Duration.ofSeconds(10));
        writeSequentially(chain.log(), 30);
        asAttacker(chain.jdbc(), "delete from audit_record where volgnummer = 30");
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.broken(29, 30L, Problem.HEAD_MISMATCH));
    }

    @Test
    void recordTimesOutInsteadOfHanging() {
        Chain chain = chain("audit_timeout", Duration.ofSeconds(1));
        writeSequentially(chain.log(), 2);
        DataSourceTransactionManager other = new DataSourceTransactionManager(chain.jdbc().getDataSource());
        new TransactionTemplate(other).executeWithoutResult(status -> {
            chain.jdbc().queryForList("select * from audit_keten_kop for update"); // holds the chain head
            long start = System.nanoTime();
            assertThatThrownBy(() -> chain.log().record(event("t", 2)))
                    .isInstanceOf(AuditUnavailableException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        });
        chain.log().record(event("t", 3)); // head released: the log works again
        assertThat(chain.verifier().verify().valid()).isTrue();
    }

    @Test
    void stopDrainsWhatIsQueuedAndRefusesNewRecords() throws Exception {
        Chain chain = chain("audit_stop", Duration.ofSeconds(10));
        AtomicInteger stored = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            String trace = "s" + t;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 10_000; i++) {
                    try {
                        chain.log().record(event(trace, i));
                        stored.incrementAndGet();
                    } catch (AuditUnavailableException e) {
                        refused.incrementAndGet();
                        return;
                    }
                }
            }));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> stored.get() >= 500);
        chain.log().stop();
        for (Future<?> w : writers) {
            w.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(refused.get()).isEqualTo(16);
        assertThatThrownBy(() -> chain.log().record(event("late", 0))).isInstanceOf(AuditUnavailableException.class)
                .hasMessageContaining("not running");
        assertThat(chain.jdbc().queryForObject("select count(*) from audit_record", Integer.class))
                .isEqualTo(stored.get());
        assertThat(chain.verifier().verify()).isEqualTo(VerificationResult.intact(stored.get()));
    }

    // --- support

    private record Chain(JdbcTemplate jdbc, JdbcAuditLog log, AuditChainVerifier verifier) {
    }

    private Chain chain(String database, Duration recordTimeout) {
        HikariDataSource dataSource = new HikariDataSource();
        // reWriteBatchedInserts: the PostgreSQL driver sends a batch as multi-row inserts; recommended in production.
        dataSource.setJdbcUrl(TestPostgres.createMigratedDatabase(database) + "&reWriteBatchedInserts=true");
        dataSource.setMaximumPoolSize(8);
        cleanup.add(dataSource);
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        JdbcAuditLog log = new JdbcAuditLog(jdbc, transactions, new AuditProperties(KEY, 500, recordTimeout));
        log.start();
        cleanup.add(log::stop);
        return new Chain(jdbc, log, new AuditChainVerifier(jdbc, transactions));
    }

    private static AuditEvent event(String trace, int index) {
        return new AuditEvent(trace, AuditStep.CONSENT_DECISION, "msg-" + trace + "-" + index, "trajectplan", "hvht",
                "gemeente-almelo", "p-0123456789abcdef0123456789abcdef",
                EnumSet.of(Categorie.LEEFGEBIEDEN, Categorie.DETENTIE), "ALLOWED", Integer.toString(index));
    }

    private static void writeSequentially(AuditLog log, int count) {
        for (int i = 0; i < count; i++) {
            log.record(event("seq", i));
        }
    }

    /** Milliseconds for {@code threads} callers each recording {@code perThread} events. */
    private static long writeConcurrently(AuditLog log, int threads, int perThread, String prefix) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> writers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String trace = prefix + t;
                writers.add(() -> {
                    for (int i = 0; i < perThread; i++) {
                        log.record(event(trace, i));
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            for (Future<Void> done : pool.invokeAll(writers)) {
                done.get();
            }
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        } finally {
            pool.shutdown();
        }
    }

    /** Tampering by someone with DBA rights: the append-only triggers switched off around the edit. */
    private static void asAttacker(JdbcTemplate jdbc, String sql) {
        jdbc.execute("alter table audit_record disable trigger user");
        jdbc.execute(sql);
        jdbc.execute("alter table audit_record enable trigger user");
    }
}
