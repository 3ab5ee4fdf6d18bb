package nl.hvht.ketenpoort.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import nl.hvht.ketenpoort.audit.VerificationResult.Problem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the audit chain: streams {@code audit_record} in volgnummer order (cursor with a fetch size, constant
 * memory), recomputes every hash ({@link AuditHash}), and checks that volgnummers run contiguously, that each
 * record's vorige_hash is its predecessor's hash, and that the chain head ({@code audit_keten_kop}) names the last
 * record. Runs in one read-only repeatable-read transaction, so records appended meanwhile neither disturb nor join
 * the check. Stops at the first problem.
 *
 * <p>{@link #verify()} starts at the checkpoint ({@code audit_controlepunt}) that the last intact full check left:
 * it re-hashes the checkpoint's record (which must still carry the checkpoint's hash) and everything after it, so a
 * routine check costs what was appended since, not the whole table. {@link #verifyFull()} re-hashes from record 1
 * and moves the checkpoint when the chain is intact; run it at a modest interval (a changed old record is found by
 * the next full check).
 */
@Component
public class AuditChainVerifier {

    private static final int FETCH_SIZE = 2000;
    private static final String HEAD = "select laatste_volgnummer, laatste_hash from audit_keten_kop where id = 1";
    private static final String RECORDS = """
            select volgnummer, tijdstip, trace_id, stap, bericht_id, bericht_type, afzender, ontvanger,
                   deelnemer_pseudoniem, categorieen, uitkomst, reden, vorige_hash, hash
            from audit_record order by volgnummer""";
    private static final String RECORDS_FROM = """
            select volgnummer, tijdstip, trace_id, stap, bericht_id, bericht_type, afzender, ontvanger,
                   deelnemer_pseudoniem, categorieen, uitkomst, reden, vorige_hash, hash
            from audit_record where volgnummer >= ? order by volgnummer""";
    private static final String CHECKPOINT = "select volgnummer, hash from audit_controlepunt where id = 1";
    private static final String MOVE_CHECKPOINT = "update audit_controlepunt set volgnummer = ?, hash = ?, gezet_op = now()"
            + " where id = 1";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    AuditChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Verifies from the checkpoint of the last intact full check (from record 1 when there is none). */
    public VerificationResult verify() {
        return transactions.execute(status -> {
            Head head = jdbc.query(HEAD, (ResultSetExtractor<Head>) rs ->
                    rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null);
            Head checkpoint = jdbc.query(CHECKPOINT, (ResultSetExtractor<Head>) rs ->
                    rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null);
            if (checkpoint == null || checkpoint.volgnummer() == 0) {
                return jdbc.query(RECORDS, (ResultSetExtractor<VerificationResult>) rs -> walk(rs, head, 0, AuditRecord.GENESIS_HASH));
            }
            // The checkpoint's own record is re-read and re-hashed: it must still be the one the full check saw.
            return jdbc.query(RECORDS_FROM, (ResultSetExtractor<VerificationResult>) rs -> {
                if (!rs.next()) {
                    return VerificationResult.broken(0, checkpoint.volgnummer(), Problem.SEQUENCE_GAP);
                }
                AuditRecord r = read(rs);
                if (r.volgnummer() != checkpoint.volgnummer() || !AuditHash.of(r).equals(r.hash())
                        || !r.hash().equals(checkpoint.hash())) {
                    return VerificationResult.broken(0, checkpoint.volgnummer(), Problem.HASH_MISMATCH);
                }
                return walk(rs, head, r.volgnummer(), r.hash());
            }, checkpoint.volgnummer());
        });
    }

    /** Verifies the whole chain from record 1 and, when it is intact, moves the checkpoint to its last record. */
    public VerificationResult verifyFull() {
        Object[] last = new Object[2];
        VerificationResult result = transactions.execute(status -> {
            Head head = jdbc.query(HEAD, (ResultSetExtractor<Head>) rs ->
                    rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null);
            last[0] = head;
            return jdbc.query(RECORDS, (ResultSetExtractor<VerificationResult>) rs -> walk(rs, head, 0, AuditRecord.GENESIS_HASH));
        });
        if (result != null && result.valid() && last[0] instanceof Head head && head.volgnummer() > 0) {
            jdbc.update(MOVE_CHECKPOINT, head.volgnummer(), head.hash());
        }
        return result;
    }

    private static VerificationResult walk(ResultSet rs, Head head, long from, String fromHash) throws SQLException {
        long checked = from;
        long last = from;
        String lastHash = fromHash;
        while (rs.next()) {
            AuditRecord r = read(rs);
            if (r.volgnummer() != last + 1) {
                return VerificationResult.broken(checked, last + 1, Problem.SEQUENCE_GAP);
            }
            if (!AuditHash.of(r).equals(r.hash())) {
                return VerificationResult.broken(checked, r.volgnummer(), Problem.HASH_MISMATCH);
            }
            if (!lastHash.equals(r.vorigeHash())) {
                return VerificationResult.broken(checked, r.volgnummer(), Problem.CHAIN_BROKEN);
            }
            checked++;
            last = r.volgnummer();
            lastHash = r.hash();
        }
        if (head == null) {
            return VerificationResult.broken(checked, null, Problem.HEAD_MISMATCH);
        }
        if (head.volgnummer() != last) {
            // Tail cut off (head ahead) or records the head does not cover (head behind).
            return VerificationResult.broken(checked, Math.min(head.volgnummer(), last) + 1, Problem.HEAD_MISMATCH);
        }
        if (!head.hash().equals(lastHash)) {
            return VerificationResult.broken(checked, last, Problem.HEAD_MISMATCH);
        }
        return VerificationResult.intact(checked);
    }

    private static AuditRecord read(ResultSet rs) throws SQLException {
        return new AuditRecord(
                rs.getLong("volgnummer"),
                rs.getObject("tijdstip", OffsetDateTime.class).toInstant(),
                rs.getString("trace_id"),
                rs.getString("stap"),
                rs.getString("bericht_id"),
                rs.getString("bericht_type"),
                rs.getString("afzender"),
                rs.getString("ontvanger"),
                rs.getString("deelnemer_pseudoniem"),
                rs.getString("categorieen"),
                rs.getString("uitkomst"),
                rs.getString("reden"),
                rs.getString("vorige_hash"),
                rs.getString("hash"));
    }

    private record Head(long volgnummer, String hash) {
    }
}
