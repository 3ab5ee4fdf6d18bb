package nl.hvht.ketenpoort.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import nl.hvht.ketenpoort.audit.VerificationResult.Problem;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks the audit chain: streams {@code audit_record} in volgnummer order (cursor with a fetch size, constant
 * memory), recomputes every hash ({@link AuditHash}), and checks that volgnummers run contiguously, that each
 * record's vorige_hash is its predecessor's hash, and that the chain head ({@code audit_keten_kop}) names the last
 * record. Records of both hash formats are checked, each with its own formula ({@link AuditHash}); a format-1 record
 * with Logboek columns set, or after a format-2 record, is {@link Problem#FORMAT_VERSION}. Runs in one read-only repeatable-read transaction, so records appended meanwhile neither disturb nor join
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
    private static final String HEAD = "select laatste_volgnummer as volgnummer, laatste_hash as hash from audit_keten_kop where id = 1";
    /** The columns of a record, in both hash formats (also read by {@link AuditExport}). */
    static final String COLUMNS = """
            volgnummer, tijdstip, trace_id, stap, bericht_id, bericht_type, afzender, ontvanger,
            deelnemer_pseudoniem, categorieen, uitkomst, reden, vorige_hash, hash, hash_versie, span_id, parent_span_id,
            foreign_trace_id, foreign_span_id, foreign_entity, status_code, start_tijd, resource, verwerkingsactiviteit, doel,
            betrokkene_type, actor_rol, toegangspunt""";
    private static final String RECORDS = "select " + COLUMNS + " from audit_record order by volgnummer";
    private static final String RECORDS_FROM = "select " + COLUMNS + " from audit_record where volgnummer >= :van order by volgnummer";
    private static final String CHECKPOINT = "select volgnummer, hash from audit_controlepunt where id = 1";
    private static final String MOVE_CHECKPOINT = "update audit_controlepunt set volgnummer = :volgnummer, hash = :hash, gezet_op = now()"
            + " where id = 1";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    AuditChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        JdbcTemplate fetching = new JdbcTemplate(jdbc.getDataSource());
        fetching.setFetchSize(FETCH_SIZE);
        this.jdbc = JdbcClient.create(fetching);
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Verifies from the checkpoint of the last intact full check (from record 1 when there is none). */
    public VerificationResult verify() {
        return transactions.execute(status -> {
            Head head = head(HEAD);
            Head checkpoint = head(CHECKPOINT);
            if (checkpoint == null || checkpoint.volgnummer() == 0) {
                return jdbc.sql(RECORDS)
                        .query((ResultSetExtractor<VerificationResult>) rs -> walk(rs, head, 0, AuditRecord.GENESIS_HASH, false));
            }
            // The checkpoint's own record is re-read and re-hashed: it must still be the one the full check saw.
            return jdbc.sql(RECORDS_FROM).param("van", checkpoint.volgnummer()).query((ResultSetExtractor<VerificationResult>) rs -> {
                if (!rs.next()) {
                    return VerificationResult.broken(0, checkpoint.volgnummer(), Problem.SEQUENCE_GAP);
                }
                if (!wellFormed(rs, false)) {
                    return VerificationResult.broken(0, checkpoint.volgnummer(), Problem.FORMAT_VERSION);
                }
                AuditRecord r = read(rs);
                if (r.volgnummer() != checkpoint.volgnummer() || !AuditHash.of(r).equals(r.hash())
                        || !r.hash().equals(checkpoint.hash())) {
                    return VerificationResult.broken(0, checkpoint.volgnummer(), Problem.HASH_MISMATCH);
                }
                return walk(rs, head, r.volgnummer(), r.hash(), r.hashVersie() == AuditRecord.FORMAT_2);
            });
        });
    }

    /** Verifies the whole chain from record 1 and, when it is intact, moves the checkpoint to its last record. */
    public VerificationResult verifyFull() {
        Object[] last = new Object[2];
        VerificationResult result = transactions.execute(status -> {
            Head head = head(HEAD);
            last[0] = head;
            return jdbc.sql(RECORDS)
                    .query((ResultSetExtractor<VerificationResult>) rs -> walk(rs, head, 0, AuditRecord.GENESIS_HASH, false));
        });
        if (result != null && result.valid() && last[0] instanceof Head head && head.volgnummer() > 0) {
            jdbc.sql(MOVE_CHECKPOINT).param("volgnummer", head.volgnummer()).param("hash", head.hash()).update();
        }
        return result;
    }

    /** The chain head or the checkpoint (columns volgnummer, hash); null if the row is missing. */
    private Head head(String sql) {
        return jdbc.sql(sql).query((rs, n) -> new Head(rs.getLong("volgnummer"), rs.getString("hash"))).optional().orElse(null);
    }

    private static VerificationResult walk(ResultSet rs, Head head, long from, String fromHash, boolean fromFormat2)
            throws SQLException {
        long checked = from;
        long last = from;
        String lastHash = fromHash;
        boolean format2Seen = fromFormat2;
        while (rs.next()) {
            if (!wellFormed(rs, format2Seen)) {
                return VerificationResult.broken(checked, rs.getLong("volgnummer"), Problem.FORMAT_VERSION);
            }
            AuditRecord r = read(rs);
            if (r.volgnummer() != last + 1) {
                return VerificationResult.broken(checked, last + 1, Problem.SEQUENCE_GAP);
            }
            format2Seen |= r.hashVersie() == AuditRecord.FORMAT_2;
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

    /**
     * Format 1 does not cover the Logboek columns: a format-1 record must have none of them, and none may follow a
     * format-2 record (else a changed column could hide behind the old formula). Other versions are unknown.
     */
    private static boolean wellFormed(ResultSet rs, boolean afterFormat2) throws SQLException {
        int versie = rs.getInt("hash_versie");
        if (versie == AuditRecord.FORMAT_2) {
            return true;
        }
        if (versie != AuditRecord.FORMAT_1 || afterFormat2) {
            return false;
        }
        for (String column : LOGBOEK_COLUMNS) {
            if (rs.getObject(column) != null) {
                return false;
            }
        }
        return true;
    }

    private static final List<String> LOGBOEK_COLUMNS = List.of("span_id", "parent_span_id", "foreign_trace_id",
            "foreign_span_id", "foreign_entity", "status_code", "start_tijd", "resource", "verwerkingsactiviteit", "doel",
            "betrokkene_type", "actor_rol", "toegangspunt");

    /** One stored record (either format) as the hash sees it. */
    static AuditRecord read(ResultSet rs) throws SQLException {
        AuditRecord.Logboek logboek = rs.getInt("hash_versie") == AuditRecord.FORMAT_2 ? new AuditRecord.Logboek(
                rs.getString("span_id"), rs.getString("parent_span_id"), rs.getString("foreign_trace_id"),
                rs.getString("foreign_span_id"), rs.getString("foreign_entity"), rs.getString("status_code"),
                instant(rs, "start_tijd"), rs.getString("resource"), rs.getString("verwerkingsactiviteit"),
                rs.getString("doel"), rs.getString("betrokkene_type"), rs.getString("actor_rol"),
                rs.getString("toegangspunt")) : null;
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
                rs.getString("hash"),
                logboek);
    }

    private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private record Head(long volgnummer, String hash) {
    }
}
