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
 * Checks the whole audit chain: streams {@code audit_record} in volgnummer order (cursor with a fetch
 * size, constant memory), recomputes every hash ({@link AuditHash}), and checks that volgnummers run
 * contiguously from 1, that each record's vorige_hash is its predecessor's hash, and that the chain
 * head ({@code audit_keten_kop}) names the last record. Runs in one read-only repeatable-read
 * transaction, so records appended meanwhile neither disturb nor join the check. Stops at the first
 * problem.
 */
@Component
public class AuditChainVerifier {

    private static final int FETCH_SIZE = 2000;
    private static final String HEAD = "select laatste_volgnummer, laatste_hash from audit_keten_kop where id = 1";
    private static final String RECORDS = """
            select volgnummer, tijdstip, trace_id, stap, bericht_id, bericht_type, afzender, ontvanger,
                   deelnemer_pseudoniem, categorieen, uitkomst, reden, vorige_hash, hash
            from audit_record order by volgnummer""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    AuditChainVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    public VerificationResult verify() {
        return transactions.execute(status -> {
            Head head = jdbc.query(HEAD, (ResultSetExtractor<Head>) rs ->
                    rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : null);
            return jdbc.query(RECORDS, (ResultSetExtractor<VerificationResult>) rs -> walk(rs, head));
        });
    }

    private static VerificationResult walk(ResultSet rs, Head head) throws SQLException {
        long checked = 0;
        long last = 0;
        String lastHash = AuditRecord.GENESIS_HASH;
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
