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
 * @param tlsControle    how often the files of the TLS bundle {@code gateway-tls} are read and compared, so that a
 *                       replacement is loaded on every node even where a file watch does not see it (a network file
 *                       system shared by several nodes); {@code 0s}: off, Spring Boot's file watch only
 *                       ({@link TlsBundleCheck})
 */
@Validated
@ConfigurationProperties("ketenpoort.pki")
public record PkiProperties(@NotNull Path dir, @NotNull @DefaultValue("30d") Duration expiryWarning,
        @NotNull @DefaultValue("0s") Duration tlsControle) {

    public PkiProperties {
        if (expiryWarning != null && (expiryWarning.isNegative() || expiryWarning.isZero())) {
            throw new IllegalArgumentException("ketenpoort.pki.expiry-warning must be a positive duration, e.g. 30d");
        }
        if (tlsControle != null && tlsControle.isNegative()) {
            throw new IllegalArgumentException("ketenpoort.pki.tls-controle must be 0s (off) or a positive duration, e.g. 30s");
        }
    }
}
