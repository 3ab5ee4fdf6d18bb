package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import nl.hvht.ketenpoort.audit.VerificationResult.Problem;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * One chain of both hash formats: records written before V24 (format 1) verify with the old formula after the
 * migration, records written since (format 2) with the new one, and the Logboek fields of a format-2 record are
 * covered by its hash; a format-1 record cannot carry Logboek fields nor follow a format-2 one.
 */
class AuditFormatsIT {

    private static final String KEY = "test-only-pseudonym-key-0123456789abcdef";
    private static final String[] LOCATIONS = {"classpath:db/migration/common", "classpath:db/migration/postgresql"};

    private HikariDataSource dataSource;
    private JdbcAuditLog log;

    @AfterEach
    void close() {
        if (log != null) {
            log.stop();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Test
    void oldAndNewRecordsVerifyAsOneChainAndTheNewFieldsAreCovered() {
        JdbcTemplate jdbc = before("audit_formats_chain");
        String head = writeFormat1(jdbc, 12);
        migrate();
        AuditChainVerifier verifier = new AuditChainVerifier(jdbc, new DataSourceTransactionManager(dataSource));
        assertThat(verifier.verifyFull()).isEqualTo(VerificationResult.intact(12));

        startWriter(jdbc);
        for (int i = 0; i < 8; i++) {
            log.record(new AuditEvent("4bf92f3577b34da6a3ce929d0e0e4736", AuditStep.RECEIVED, "m-" + i, "Overdracht", "hvht",
                    null, "p-0123", null, "OK", null).voorDoel("nazorg"));
        }
        assertThat(jdbc.queryForObject("select vorige_hash from audit_record where volgnummer = 13", String.class)).isEqualTo(head);
        assertThat(jdbc.queryForList("select hash_versie from audit_record order by volgnummer", Integer.class))
                .containsExactly(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2);
        assertThat(verifier.verifyFull()).isEqualTo(VerificationResult.intact(20));
        // the routine check from the checkpoint too
        assertThat(verifier.verify()).isEqualTo(VerificationResult.intact(20));

        asAttacker(jdbc, "update audit_record set verwerkingsactiviteit = 'urn:ander' where volgnummer = 15");
        assertThat(verifier.verifyFull()).isEqualTo(VerificationResult.broken(14, 15L, Problem.HASH_MISMATCH));
    }

    @Test
    void aFormat1RecordWithLogboekFieldsIsRefused() {
        JdbcTemplate jdbc = before("audit_formats_stray");
        writeFormat1(jdbc, 5);
        migrate();
        asAttacker(jdbc, "update audit_record set span_id = '00f067aa0ba902b7' where volgnummer = 3");
        AuditChainVerifier verifier = new AuditChainVerifier(jdbc, new DataSourceTransactionManager(dataSource));
        assertThat(verifier.verifyFull()).isEqualTo(VerificationResult.broken(2, 3L, Problem.FORMAT_VERSION));
    }

    @Test
    void aFormat1RecordAfterFormat2IsRefused() {
        JdbcTemplate jdbc = before("audit_formats_downgrade");
        writeFormat1(jdbc, 2);
        migrate();
        startWriter(jdbc);
        log.record(new AuditEvent(null, AuditStep.ADMIN_LOGIN, null, null, "beheerder:x", null, null, null, "OK", null));
        log.stop();
        // a record hashed with the old formula appended after it, head moved: only the format order gives it away
        String previous = jdbc.queryForObject("select hash from audit_record where volgnummer = 3", String.class);
        AuditRecord old = new AuditRecord(4, Instant.now().truncatedTo(ChronoUnit.MICROS), "t", "ADMIN_LOGIN", null, null,
                "beheerder:x", null, null, null, "OK", null, previous, null);
        old = old.withHash(AuditHash.of(old));
        insertFormat1(jdbc, old);
        jdbc.update("update audit_keten_kop set laatste_volgnummer = 4, laatste_hash = ?", old.hash());
        AuditChainVerifier verifier = new AuditChainVerifier(jdbc, new DataSourceTransactionManager(dataSource));
        assertThat(verifier.verifyFull()).isEqualTo(VerificationResult.broken(3, 4L, Problem.FORMAT_VERSION));
    }

    // --- support

    /** A fresh database migrated up to the last version before the Logboek columns. */
    private JdbcTemplate before(String database) {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestPostgres.createDatabase(database));
        dataSource.setMaximumPoolSize(4);
        Flyway.configure().dataSource(dataSource).locations(LOCATIONS).target(MigrationVersion.fromVersion("19")).load().migrate();
        return new JdbcTemplate(dataSource);
    }

    private void migrate() {
        Flyway.configure().dataSource(dataSource).locations(LOCATIONS).load().migrate();
    }

    private void startWriter(JdbcTemplate jdbc) {
        log = new JdbcAuditLog(jdbc, new DataSourceTransactionManager(dataSource), new AuditProperties(KEY, 500));
        log.start();
    }

    /** {@code count} records as the writer before V24 stored them (old columns, old formula); returns the last hash. */
    private static String writeFormat1(JdbcTemplate jdbc, int count) {
        String hash = AuditRecord.GENESIS_HASH;
        Instant t = Instant.parse("2026-11-01T09:00:00Z");
        for (int i = 1; i <= count; i++) {
            AuditRecord r = new AuditRecord(i, t.plusSeconds(i), i % 2 == 0 ? null : "trace-" + i, "RECEIVED", "m-" + i,
                    "Overdracht", "hvht", null, "p-0123", "identificatie", "OK", "nazorg", hash, null);
            r = r.withHash(AuditHash.of(r));
            insertFormat1(jdbc, r);
            hash = r.hash();
        }
        jdbc.update("update audit_keten_kop set laatste_volgnummer = ?, laatste_hash = ?", count, hash);
        return hash;
    }

    private static void insertFormat1(JdbcTemplate jdbc, AuditRecord r) {
        jdbc.update("""
                insert into audit_record (volgnummer, tijdstip, trace_id, stap, bericht_id, bericht_type, afzender, ontvanger,
                    deelnemer_pseudoniem, categorieen, uitkomst, reden, vorige_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                r.volgnummer(), OffsetDateTime.ofInstant(r.tijdstip(), ZoneOffset.UTC), r.traceId(), r.stap(), r.berichtId(),
                r.berichtType(), r.afzender(), r.ontvanger(), r.deelnemerPseudoniem(), r.categorieen(), r.uitkomst(),
                r.reden(), r.vorigeHash(), r.hash());
    }

    private static void asAttacker(JdbcTemplate jdbc, String sql) {
        jdbc.execute("alter table audit_record disable trigger user");
        jdbc.execute(sql);
        jdbc.execute("alter table audit_record enable trigger user");
    }
}
