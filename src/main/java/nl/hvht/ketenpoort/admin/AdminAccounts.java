package nl.hvht.ketenpoort.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The administrators ({@code beheerder}): user name, password hash (Spring Security's delegating encoder, bcrypt),
 * roles, active flag, TOTP secret (encrypted, {@link TotpSecrets}; re-encrypted after a key rotation by
 * {@link #reencryptTotpSecrets}) and the last accepted TOTP time step. Never logs or
 * returns a password, hash or secret (except the secret to the login step that checks a code).
 */
@Component
public class AdminAccounts {

    private static final Logger LOG = LoggerFactory.getLogger(AdminAccounts.class);

    /** Spring Security's delegating encoder: stores {@code {bcrypt}...}, reads every id it knows. */
    static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final TotpSecrets secrets;
    private final TransactionTemplate transactions;

    AdminAccounts(JdbcTemplate jdbc, Clock clock, TotpSecrets secrets, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.secrets = secrets;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    public boolean exists(String gebruikersnaam) {
        Integer count = jdbc.queryForObject("select count(*) from beheerder where gebruikersnaam = ?", Integer.class, gebruikersnaam);
        return count != null && count > 0;
    }

    /**
     * Creates an active administrator with these roles; the password is stored hashed, the TOTP secret (base32)
     * encrypted.
     */
    public void create(String gebruikersnaam, CharSequence wachtwoord, Set<AdminRole> rollen, String totpGeheim) {
        if (rollen.isEmpty()) {
            throw new IllegalArgumentException("an administrator needs at least one role");
        }
        if (totpGeheim == null || !totpGeheim.matches("[A-Z2-7]{16,}=*")) {
            throw new IllegalArgumentException("the TOTP secret must be base32 (at least 80 bits)");
        }
        jdbc.update("insert into beheerder (gebruikersnaam, wachtwoord_hash, rollen, actief, aangemaakt_op, totp_geheim)"
                        + " values (?, ?, ?, true, ?, ?)",
                gebruikersnaam, ENCODER.encode(wachtwoord), AdminRole.codes(rollen), Timestamp.from(clock.instant()),
                secrets.encrypt(totpGeheim));
    }

    /** For Spring Security: the administrator with his hash and roles (disabled when not active). */
    UserDetails load(String gebruikersnaam) {
        UserDetails user = jdbc.query("select gebruikersnaam, wachtwoord_hash, rollen, actief from beheerder where gebruikersnaam = ?",
                        rs -> rs.next() ? User.withUsername(rs.getString(1))
                                .password(rs.getString(2))
                                .authorities(AdminRole.parse(rs.getString(3)).stream().map(AdminRole::authority).toArray(String[]::new))
                                .disabled(!rs.getBoolean(4))
                                .build() : null,
                        gebruikersnaam);
        if (user == null) {
            throw new UsernameNotFoundException("unknown administrator");
        }
        return user;
    }

    /**
     * The decrypted TOTP secret of an active administrator, if he has one and a configured key decrypts it (if not, he
     * cannot log in, and the log says why without the value).
     */
    Optional<String> totpGeheim(String gebruikersnaam) {
        String stored = jdbc.query("select totp_geheim from beheerder where gebruikersnaam = ? and actief = true",
                rs -> rs.next() ? rs.getString(1) : null, gebruikersnaam);
        if (stored == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(secrets.decrypt(stored));
        } catch (IllegalStateException e) {
            LOG.warn("administrator {} cannot log in: {}", gebruikersnaam, e.getMessage());
            return Optional.empty();
        }
    }

    /** Outcome of {@link #reencryptTotpSecrets}: how many were re-encrypted, and who has a secret no configured key opens. */
    record Reencryption(int reencrypted, List<String> undecryptable) {
    }

    /**
     * Re-encrypts, in one transaction, every TOTP secret not yet under the current key (a previous key's, or one stored
     * before key ids existed) under the current key. The rows are locked first ({@code for update}), so two instances
     * starting together re-encrypt each secret once. A secret no configured key decrypts is left as it is.
     */
    Reencryption reencryptTotpSecrets() {
        return transactions.execute(status -> {
            List<String> undecryptable = new ArrayList<>();
            int reencrypted = 0;
            List<Map.Entry<String, String>> rows = jdbc.query(
                    "select gebruikersnaam, totp_geheim from beheerder where totp_geheim is not null order by gebruikersnaam for update",
                    (rs, n) -> Map.entry(rs.getString(1), rs.getString(2)));
            for (Map.Entry<String, String> row : rows) {
                if (secrets.current(row.getValue())) {
                    continue;
                }
                String secret;
                try {
                    secret = secrets.decrypt(row.getValue());
                } catch (IllegalStateException e) {
                    LOG.warn("TOTP secret of administrator {} not re-encrypted: {}", row.getKey(), e.getMessage());
                    undecryptable.add(row.getKey());
                    continue;
                }
                reencrypted += jdbc.update("update beheerder set totp_geheim = ? where gebruikersnaam = ?",
                        secrets.encrypt(secret), row.getKey());
            }
            return new Reencryption(reencrypted, List.copyOf(undecryptable));
        });
    }

    /** Marks a TOTP time step as used; false if this or a later step was used before (a replayed code). */
    boolean useStep(String gebruikersnaam, long stap) {
        return jdbc.update("update beheerder set totp_laatste_stap = ? where gebruikersnaam = ?"
                + " and (totp_laatste_stap is null or totp_laatste_stap < ?)", stap, gebruikersnaam, stap) == 1;
    }
}
