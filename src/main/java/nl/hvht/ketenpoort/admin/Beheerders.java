package nl.hvht.ketenpoort.admin;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The administrators ({@code beheerder}): user name, password hash (Spring Security's delegating encoder, bcrypt),
 * roles, active flag. Never logs or returns a password or hash.
 */
@Component
public class Beheerders {

    /** Spring Security's delegating encoder: stores {@code {bcrypt}...}, reads every id it knows. */
    static final PasswordEncoder ENCODER = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Beheerders(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean exists(String gebruikersnaam) {
        Integer count = jdbc.queryForObject("select count(*) from beheerder where gebruikersnaam = ?", Integer.class, gebruikersnaam);
        return count != null && count > 0;
    }

    /** Creates an active administrator with these roles; the password is stored hashed only. */
    public void create(String gebruikersnaam, CharSequence wachtwoord, Set<AdminRole> rollen) {
        if (rollen.isEmpty()) {
            throw new IllegalArgumentException("an administrator needs at least one role");
        }
        jdbc.update("insert into beheerder (gebruikersnaam, wachtwoord_hash, rollen, actief, aangemaakt_op) values (?, ?, ?, true, ?)",
                gebruikersnaam, ENCODER.encode(wachtwoord), AdminRole.codes(rollen), Timestamp.from(clock.instant()));
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
}
