package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Array;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The audit chain across a pseudonym key rotation, against a real PostgreSQL: records made before (first key,
 * {@code p-<hex>}, as before key ids existed) and after (the new key's id in the pseudonym) form one chain that verifies
 * from record 1, and a search by the participant's pseudonyms under every configured key finds both.
 */
class AuditKeyRotationIT {

    private static final String OLD_KEY = "old-pseudonym-key-Q3v9Zk1mR8sT2wXy5bN7";
    private static final String NEW_KEY = "new-pseudonym-key-t8Wq2Ls5Dk9Vx1Mz4Rb7";

    private HikariDataSource dataSource;
    private JdbcAuditLog log;

    @AfterEach
    void stop() {
        log.stop();
        dataSource.close();
    }

    @Test
    void recordsOfBothKeysVerifyAsOneChainAndAreFoundByParticipant() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestPostgres.createMigratedDatabase("audit_key_rotation"));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        AuditProperties before = new AuditProperties(OLD_KEY, 10, Duration.ofSeconds(10));
        AuditProperties after = new AuditProperties(NEW_KEY, "2027", Map.of("0", OLD_KEY), 10, Duration.ofSeconds(10));
        log = new JdbcAuditLog(jdbc, transactions, before);
        log.start();
        Pseudonymizer first = new Pseudonymizer(before);
        Pseudonymizer rotated = new Pseudonymizer(after);

        log.record(event("voor", first.pseudonym("HVHT-0001")));
        log.record(event("voor", first.pseudonym("HVHT-0002")));
        // The operator rotates: from now on records carry the new key's pseudonym.
        log.record(event("na", rotated.pseudonym("HVHT-0001")));
        log.record(event("na", rotated.pseudonym("HVHT-0002")));

        AuditChainVerifier verifier = new AuditChainVerifier(jdbc, transactions);
        assertThat(verifier.verifyFull()).isEqualTo(VerificationResult.intact(4));
        List<String> found = jdbc.query(con -> {
            var ps = con.prepareStatement("select trace_id || ' ' || deelnemer_pseudoniem from audit_record"
                    + " where deelnemer_pseudoniem = any (?) order by volgnummer");
            Array pseudonyms = con.createArrayOf("varchar", rotated.pseudonyms("HVHT-0001").toArray());
            ps.setArray(1, pseudonyms);
            return ps;
        }, (rs, n) -> rs.getString(1));
        assertThat(found).containsExactly("voor " + first.pseudonym("HVHT-0001"), "na " + rotated.pseudonym("HVHT-0001"));
        assertThat(found.get(0)).startsWith("voor p-");
        assertThat(found.get(1)).startsWith("na p2027-");
    }

    private static AuditEvent event(String trace, String pseudonym) {
        return new AuditEvent(trace, AuditStep.CONSENT_DECISION, "msg-" + trace, "trajectplan", "hvht", "gemeente-almelo",
                pseudonym, EnumSet.of(Categorie.DETENTIE), "ALLOWED", null);
    }
}
