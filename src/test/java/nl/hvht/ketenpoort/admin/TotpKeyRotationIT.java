package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import nl.hvht.ketenpoort.support.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * TOTP key rotation against a real PostgreSQL: one start with the new key and the previous one re-encrypts every secret
 * (also one stored before key ids existed) under the new key in one go, after which the previous key is not needed; a
 * secret under a key that is not configured is left as it is and named.
 */
class TotpKeyRotationIT {

    private static final String OLD_KEY = "old-totp-key-t8Wq2Ls5Dk9Vx1Mz4Rb7Nc0G";
    private static final String NEW_KEY = "new-totp-key-Q3v9Zk1mR8sT2wXy5bN7cF4h";
    private static final String STRANGE_KEY = "strange-totp-key-Pw7x2Kq9Lm4Zr1Vb3n8J";

    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private DataSourceTransactionManager transactions;

    @BeforeEach
    void database() {
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(TestPostgres.createMigratedDatabase("totp_key_rotation"));
        jdbc = new JdbcTemplate(dataSource);
        transactions = new DataSourceTransactionManager(dataSource);
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private AdminAccounts beheerders(TotpSecrets secrets) {
        return new AdminAccounts(jdbc, Clock.systemUTC(), secrets, transactions);
    }

    private String stored(String naam) {
        return jdbc.queryForObject("select totp_geheim from beheerder where gebruikersnaam = ?", String.class, naam);
    }

    @Test
    void oneStartWithBothKeysMovesEverySecretToTheNewKey() {
        TotpSecrets first = new TotpSecrets(TotpSecretsTest.properties(OLD_KEY, null, null));
        String jansen = Totp.newSecret();
        String devries = Totp.newSecret();
        String vreemd = Totp.newSecret();
        beheerders(first).create("jansen", "Wachtwoord-jansen-1", EnumSet.of(AdminRole.BEHEERDER), jansen);
        beheerders(first).create("devries", "Wachtwoord-devries-1", EnumSet.of(AdminRole.PRIVACY), devries);
        // devries's secret as stored before key ids existed: plain hex, the first key's.
        jdbc.update("update beheerder set totp_geheim = substring(totp_geheim from 3) where gebruikersnaam = 'devries'");
        beheerders(new TotpSecrets(TotpSecretsTest.properties(STRANGE_KEY, "7", null)))
                .create("vreemd", "Wachtwoord-vreemd-1", EnumSet.of(AdminRole.KIJKER), vreemd);
        assertThat(stored("jansen")).startsWith("0:");
        assertThat(stored("devries")).doesNotContain(":");
        String vreemdBefore = stored("vreemd");

        TotpSecrets rotated = new TotpSecrets(TotpSecretsTest.properties(NEW_KEY, "1", Map.of("0", OLD_KEY)));
        AdminAccounts.Reencryption done = beheerders(rotated).reencryptTotpSecrets();

        assertThat(done.reencrypted()).isEqualTo(2);
        assertThat(done.undecryptable()).containsExactly("vreemd");
        assertThat(stored("jansen")).startsWith("1:");
        assertThat(stored("devries")).startsWith("1:");
        assertThat(stored("vreemd")).isEqualTo(vreemdBefore);
        // The previous key is no longer needed: the new key alone opens every moved secret, unchanged.
        AdminAccounts newKeyOnly = beheerders(new TotpSecrets(TotpSecretsTest.properties(NEW_KEY, "1", null)));
        assertThat(newKeyOnly.totpGeheim("jansen")).hasValue(jansen);
        assertThat(newKeyOnly.totpGeheim("devries")).hasValue(devries);
        assertThat(newKeyOnly.totpGeheim("vreemd")).as("cannot log in, no error page").isEmpty();
        // A second start has nothing left to do.
        assertThat(beheerders(rotated).reencryptTotpSecrets().reencrypted()).isZero();
    }

    @Test
    void theStartUpStepRewritesSecretsFromBeforeKeyIdsUnderTheUnchangedKey() {
        TotpSecrets first = new TotpSecrets(TotpSecretsTest.properties(OLD_KEY, null, null));
        String secret = Totp.newSecret();
        beheerders(first).create("bakker", "Wachtwoord-bakker-1", EnumSet.of(AdminRole.BEHEERDER), secret);
        jdbc.update("update beheerder set totp_geheim = substring(totp_geheim from 3) where gebruikersnaam = 'bakker'");

        new TotpKeyRotation(beheerders(first), first).run(null);

        assertThat(stored("bakker")).startsWith("0:");
        assertThat(beheerders(first).totpGeheim("bakker")).hasValue(secret);
    }
}
