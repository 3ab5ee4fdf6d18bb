package nl.hvht.ketenpoort.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Production enrolment: at start-up, every {@code ketenpoort.admin.enrol.admins} entry ({@code naam:ROL[+ROL]})
 * that does not exist yet is created with a random password and TOTP secret, written to
 * {@code ketenpoort.admin.enrol.file} (owner-only). The operator hands them over and deletes the file. Logs only
 * the user names.
 */
@Component
class AdminEnrolment implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(AdminEnrolment.class);

    private final AdminProperties properties;
    private final AdminAccounts beheerders;
    private final Enrolment aanmelding;

    AdminEnrolment(AdminProperties properties, AdminAccounts beheerders, Enrolment aanmelding) {
        this.properties = properties;
        this.beheerders = beheerders;
        this.aanmelding = aanmelding;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> lines = new ArrayList<>();
        for (String entry : properties.enrol().admins()) {
            String[] parts = entry.strip().split(":", 2);
            if (parts.length != 2 || !parts[0].matches("[a-z0-9][a-z0-9._-]{1,63}")) {
                throw new IllegalStateException("ketenpoort.admin.enrol.admins: entries are naam:ROL[+ROL] with a lower-case"
                        + " name (a-z, 0-9, . _ -), not '" + parts[0] + "'");
            }
            Set<AdminRole> rollen = AdminRole.parse(parts[1].replace('+', ','));
            if (!beheerders.exists(parts[0])) {
                lines.add(aanmelding.create(parts[0], rollen).regel());
                LOG.info("administrator {} created; credentials in {}", parts[0], properties.enrol().file());
            }
        }
        if (!lines.isEmpty()) {
            Enrolment.append(properties.enrol().file(),
                    "# New administrators: gebruikersnaam wachtwoord rollen totp-geheim otpauth-uri. Hand over, then delete.", lines);
        }
    }
}
