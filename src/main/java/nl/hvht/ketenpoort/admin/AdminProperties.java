package nl.hvht.ketenpoort.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The admin side ({@code ketenpoort.admin}).
 *
 * @param enabled  serve the admin port at all
 * @param port     HTTPS port of the admin side (never the partner port {@code server.port})
 * @param address  address the admin port binds to; loopback unless an operator network is configured
 * @param login    login of the console: second factor and throttling
 * @param enrol    administrators to create at start-up when missing (production enrolment, see README)
 */
@Validated
@ConfigurationProperties("ketenpoort.admin")
public record AdminProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8444") @Min(value = 1, message = "ketenpoort.admin.port must be a TCP port (1-65535)")
        @Max(value = 65535, message = "ketenpoort.admin.port must be a TCP port (1-65535)") int port,
        @DefaultValue("127.0.0.1") @NotBlank(message = "ketenpoort.admin.address must name the address to bind to") String address,
        @Valid @NotNull @DefaultValue Login login,
        @Valid @NotNull @DefaultValue Enrol enrol) {

    /**
     * Login of the console ({@code ketenpoort.admin.login}).
     *
     * @param totpKey          key that encrypts the TOTP secrets at rest (at least 32 characters; never logged)
     * @param totpKeyId        id of that key, 1-6 of {@code a-z0-9} (default {@code 0}: the key from before key ids
     *                             existed); every stored secret names the id of the key that encrypted it
     * @param previousTotpKeys   earlier TOTP keys by id, kept during a rotation: at start-up every secret still under
     *                             one of them is re-encrypted under the current key ({@code TotpKeyRotation}); each at
     *                             least 32 characters, never logged; default none
     * @param totpIssuer         issuer shown by the authenticator app ({@code otpauth://} URI)
     * @param maxAttempts          failed logins (password or code) of one user name from one client address before that
     *                             name is locked for that address (not for others; see {@code LoginThrottle})
     * @param maxAttemptsPerAddress  failed logins per client address, any names, before that address is locked
     * @param delay           the first lock of a name from an address; each further failure doubles it, up to
     *                             {@code lockout}
     * @param lockout             the longest lock of a name from an address, and the lock of an address
     */
    public record Login(
            @NotNull @Size(min = 32, message = "ketenpoort.admin.login.totp-key must be at least 32 characters") String totpKey,
            @DefaultValue("0") @Pattern(regexp = "[a-z0-9]{1,6}", message = "ketenpoort.admin.login.totp-key-id must be 1-6"
                    + " characters a-z or 0-9") String totpKeyId,
            @DefaultValue @NotNull Map<String, String> previousTotpKeys,
            @DefaultValue("Ketenpoort") @NotBlank String totpIssuer,
            @DefaultValue("5") @Min(1) int maxAttempts,
            @DefaultValue("20") @Min(1) int maxAttemptsPerAddress,
            @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration delay,
            @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) Duration lockout) {

        /** The id of the key TOTP secrets were encrypted with before key ids existed (stored without an id). */
        public static final String FIRST_KEY_ID = "0";
        private static final String KEY_ID = "[a-z0-9]{1,6}";

        public Login {
            if (totpKeyId == null || totpKeyId.isBlank()) {
                totpKeyId = FIRST_KEY_ID;
            }
            previousTotpKeys = Collections.unmodifiableSortedMap(new TreeMap<>(previousTotpKeys == null ? Map.of() : previousTotpKeys));
            for (Map.Entry<String, String> key : previousTotpKeys.entrySet()) {
                String setting = "ketenpoort.admin.login.previous-totp-keys." + key.getKey();
                if (!key.getKey().matches(KEY_ID)) {
                    throw new IllegalArgumentException("ketenpoort.admin.login.previous-totp-keys: key ids must be 1-6 characters"
                            + " a-z or 0-9");
                }
                if (key.getKey().equals(totpKeyId)) {
                    throw new IllegalArgumentException(setting + " has the id of the current key (ketenpoort.admin.login.totp-key-id):"
                            + " a rotated key needs a new id");
                }
                if (key.getValue() == null || key.getValue().length() < 32) {
                    throw new IllegalArgumentException(setting + " must be at least 32 characters");
                }
                if (key.getValue().equals(totpKey)) {
                    throw new IllegalArgumentException(setting + " is the current key: a rotation needs a new key");
                }
            }
        }

        @Override
        public String toString() {
            return "Login[totpKeyId=" + totpKeyId + ", previousTotpKeys=" + previousTotpKeys.keySet()
                    + "=***, totpIssuer=" + totpIssuer + ", maxAttempts=" + maxAttempts + ", maxAttemptsPerAddress="
                    + maxAttemptsPerAddress + ", delay=" + delay + ", lockout=" + lockout + "]";
        }
    }

    /**
     * Administrators created at start-up when missing ({@code ketenpoort.admin.enrol}).
     *
     * @param admins entries {@code naam:ROL[+ROL...]}, e.g. {@code jansen:BEHEERDER+PRIVACY}
     * @param file       file the new accounts' password, TOTP secret and otpauth URI are written to (owner-only)
     */
    public record Enrol(@DefaultValue List<String> admins, @DefaultValue("nieuwe-beheerders.txt") Path file) {
    }
}
