package nl.hvht.ketenpoort.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.hvht.ketenpoort.admin.AdminRole;
import nl.hvht.ketenpoort.admin.Beheerders;
import nl.hvht.ketenpoort.pki.PkiProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Demo run only: creates the demo administrators {@code beheerder1}, {@code beheerder2} (BEHEERDER) and
 * {@code privacy1} (PRIVACY) when missing, each with a random password, written once to
 * {@code <ketenpoort.pki.dir>/demo-beheerders.txt} (git-ignored, owner-only where the file system allows).
 * Passwords are never logged.
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
    }

    private final Beheerders beheerders;
    private final Path file;
    private final SecureRandom random = new SecureRandom();

    DemoAdmins(Beheerders beheerders, PkiProperties pki) {
        this.beheerders = beheerders;
        this.file = pki.dir().resolve(FILE);
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, AdminRole> admin : ADMINS.entrySet()) {
            if (!beheerders.exists(admin.getKey())) {
                String password = password();
                beheerders.create(admin.getKey(), password, Set.of(admin.getValue()));
                lines.add(admin.getKey() + " " + password + " " + admin.getValue());
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        write(lines);
        LOG.info("Demo: administrators {} created; their passwords are in {}", lines.stream().map(l -> l.split(" ")[0]).toList(), file);
    }

    private String password() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Appends the new accounts (a fresh database gets new ones; older lines stay for reference). */
    private void write(List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the file stays under the git-ignored, user-owned demo directory.
                }
                Files.writeString(file, "# Demo administrators: gebruikersnaam wachtwoord rol (admin port, HTTP Basic)\n",
                        StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo administrators file", e);
        }
    }
}
