package nl.hvht.ketenpoort.pki;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the gateway's certificates live and when they count as expiring ({@code ketenpoort.pki}).
 *
 * @param dir            directory with the PEM files ({@code gateway-tls.crt/.key}, {@code gateway-signing.crt/.key},
 *                       {@code ca.crt}, {@code <partnerId>.crt}); the SSL bundle and signing configuration refer to it
 * @param expiryWarning  a certificate whose notAfter is within this period shows as expiring soon (health, metrics)
 */
@Validated
@ConfigurationProperties("ketenpoort.pki")
public record PkiProperties(@NotNull Path dir, @NotNull @DefaultValue("30d") Duration expiryWarning) {

    public PkiProperties {
        if (expiryWarning != null && (expiryWarning.isNegative() || expiryWarning.isZero())) {
            throw new IllegalArgumentException("ketenpoort.pki.expiry-warning must be a positive duration, e.g. 30d");
        }
    }
}
