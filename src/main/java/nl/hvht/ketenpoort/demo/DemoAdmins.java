package nl.hvht.ketenpoort.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.hvht.ketenpoort.admin.Enrolment;
import nl.hvht.ketenpoort.admin.AdminRole;
import nl.hvht.ketenpoort.admin.AdminAccounts;
import nl.hvht.ketenpoort.pki.PkiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Demo run only: creates the demo administrators {@code beheerder1}, {@code beheerder2} (BEHEERDER), {@code privacy1}
 * (PRIVACY) and {@code kijker1} (KIJKER) when missing, each with a random password and TOTP secret, written once with
 * the {@code otpauth://} URI to {@code <ketenpoort.pki.dir>/demo-beheerders.txt} (git-ignored, owner-only where the
 * file system allows). Passwords and secrets are never logged.
 */
@Component
@ConditionalOnProperty(name = "ketenpoort.demo.enabled", havingValue = "true")
class DemoAdmins implements ApplicationRunner {

    static final String FILE = "demo-beheerders.txt";
    private static final Logger LOG = LoggerFactory.getLogger(DemoAdmins.class);
    private static final Map<String, AdminRole> ADMINS = new LinkedHashMap<>();

    static {
        ADMINS.put("beheerder1", AdminRole.BEHEERDER);
        ADMINS.put("beheerder2", AdminRole.BEHEERDER);
        ADMINS.put("privacy1", AdminRole.PRIVACY);
        ADMINS.put("kijker1", AdminRole.KIJKER);
    }

    private final AdminAccounts beheerders;
    private final Enrolment aanmelding;
    private final Path file;

    DemoAdmins(AdminAccounts beheerders, Enrolment aanmelding, PkiProperties pki) {
        this.beheerders = beheerders;
        this.aanmelding = aanmelding;
        this.file = pki.dir().resolve(FILE);
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, AdminRole> admin : ADMINS.entrySet()) {
            if (!beheerders.exists(admin.getKey())) {
                lines.add(aanmelding.create(admin.getKey(), Set.of(admin.getValue())).regel());
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        // A fresh database gets new accounts; older lines stay for reference.
        Enrolment.append(file, "# Demo administrators (console https://localhost:8444/beheer/):"
                + " gebruikersnaam wachtwoord rol totp-geheim otpauth-uri", lines);
        LOG.info("Demo: administrators {} created; their passwords and TOTP secrets are in {}",
                lines.stream().map(l -> l.split(" ")[0]).toList(), file);
    }
}
