package nl.hvht.ketenpoort.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Enrolment of a new administrator: a random password and a random TOTP secret, stored (hashed, encrypted) by
 * {@link AdminAccounts}; the caller hands them to the person once, through an owner-only file ({@link #append}). Never
 * logs either.
 */
@Component
public class Enrolment {

    private final AdminAccounts beheerders;
    private final AdminProperties properties;
    private final SecureRandom random = new SecureRandom();

    Enrolment(AdminAccounts beheerders, AdminProperties properties) {
        this.beheerders = beheerders;
        this.properties = properties;
    }

    /** A new administrator's credentials, as handed over once. */
    public record Nieuw(String gebruikersnaam, String wachtwoord, String totpGeheim, URI otpauth, Set<AdminRole> rollen) {

        /** One line for the hand-over file: name, password, roles, TOTP secret, otpauth URI. */
        public String regel() {
            return gebruikersnaam + " " + wachtwoord + " " + AdminRole.codes(rollen) + " " + totpGeheim + " " + otpauth;
        }

        @Override
        public String toString() {
            return "Nieuw[" + gebruikersnaam + ", " + rollen + "]";
        }
    }

    /** Creates an administrator with a random password and TOTP secret. */
    public Nieuw create(String gebruikersnaam, Set<AdminRole> rollen) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String wachtwoord = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String geheim = Totp.newSecret();
        beheerders.create(gebruikersnaam, wachtwoord, rollen, geheim);
        return new Nieuw(gebruikersnaam, wachtwoord, geheim, Totp.uri(geheim, properties.login().totpIssuer(), gebruikersnaam),
                rollen);
    }

    /** Appends lines to an owner-only file (created with {@code header} when missing). */
    public static void append(Path file, String header, List<String> lines) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!Files.exists(file)) {
                Files.createFile(file);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the operator keeps the file in a user-owned directory.
                }
                Files.writeString(file, header + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            Files.write(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the administrators file", e);
        }
    }
}
