package nl.hvht.ketenpoort.admin;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param inloggen login of the console: second factor and throttling
 * @param nieuw    administrators to create at start-up when missing (production enrolment, see README)
 */
@Validated
@ConfigurationProperties("ketenpoort.admin")
public record AdminProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("8444") @Min(value = 1, message = "ketenpoort.admin.port must be a TCP port (1-65535)")
        @Max(value = 65535, message = "ketenpoort.admin.port must be a TCP port (1-65535)") int port,
        @DefaultValue("127.0.0.1") @NotBlank(message = "ketenpoort.admin.address must name the address to bind to") String address,
        @Valid @NotNull @DefaultValue Inloggen inloggen,
        @Valid @NotNull @DefaultValue Nieuw nieuw) {

    /**
     * Login of the console ({@code ketenpoort.admin.inloggen}).
     *
     * @param totpSleutel          key that encrypts the TOTP secrets at rest (at least 32 characters; never logged)
     * @param totpUitgever         issuer shown by the authenticator app ({@code otpauth://} URI)
     * @param maxPogingen          failed logins (password or code) of one user name from one client address before that
     *                             name is locked for that address (not for others; see {@code LoginThrottle})
     * @param maxPogingenPerAdres  failed logins per client address, any names, before that address is locked
     * @param vertraging           the first lock of a name from an address; each further failure doubles it, up to
     *                             {@code blokkade}
     * @param blokkade             the longest lock of a name from an address, and the lock of an address
     */
    public record Inloggen(
            @NotNull @Size(min = 32, message = "ketenpoort.admin.inloggen.totp-sleutel must be at least 32 characters") String totpSleutel,
            @DefaultValue("Ketenpoort") @NotBlank String totpUitgever,
            @DefaultValue("5") @Min(1) int maxPogingen,
            @DefaultValue("20") @Min(1) int maxPogingenPerAdres,
            @DefaultValue("30s") @NotNull @DurationMin(seconds = 1) Duration vertraging,
            @DefaultValue("15m") @NotNull @DurationMin(seconds = 1) Duration blokkade) {

        @Override
        public String toString() {
            return "Inloggen[totpUitgever=" + totpUitgever + ", maxPogingen=" + maxPogingen + ", maxPogingenPerAdres="
                    + maxPogingenPerAdres + ", vertraging=" + vertraging + ", blokkade=" + blokkade + "]";
        }
    }

    /**
     * Administrators created at start-up when missing ({@code ketenpoort.admin.nieuw}).
     *
     * @param beheerders entries {@code naam:ROL[+ROL...]}, e.g. {@code jansen:BEHEERDER+PRIVACY}
     * @param bestand    file the new accounts' password, TOTP secret and otpauth URI are written to (owner-only)
     */
    public record Nieuw(@DefaultValue List<String> beheerders, @DefaultValue("nieuwe-beheerders.txt") Path bestand) {
    }
}
