package nl.hvht.ketenpoort.signing;

import nl.hvht.ketenpoort.pki.GatewaySigningCertificate;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's message-signing credentials ({@code ketenpoort.signing}).
 *
 * @param certificate PEM signing certificate, optionally followed by its chain (issuers)
 * @param privateKey  PEM private key (PKCS#8, unencrypted) belonging to the certificate
 */
@Validated
@ConfigurationProperties("ketenpoort.signing")
public record SigningProperties(@NotNull Resource certificate, @NotNull Resource privateKey) implements GatewaySigningCertificate {

    /** Shows where the files are, never what is in them. */
    @Override
    public String toString() {
        return "SigningProperties[certificate=" + describe(certificate) + ", privateKey=" + describe(privateKey) + "]";
    }

    static String describe(Resource resource) {
        return resource == null ? "(not set)" : resource.getDescription();
    }
}
