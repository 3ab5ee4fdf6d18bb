package nl.hvht.ketenpoort.signing;

import nl.hvht.ketenpoort.pki.RevocationSettings;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

/**
 * How signatures on incoming messages are checked ({@code ketenpoort.signing.inbound}). Which partners
 * must sign is said per partner in the registry ({@code ketenpoort.partners.netwerk[].ondertekening-verplicht}).
 *
 * @param trustAnchors       PEM CA certificates trusted for signers besides {@code ${ketenpoort.pki.dir}/ca.crt}
 * @param crlFiles           CRL files (PEM or DER), at least one per CA that issues signer certificates; read
 *                           at every check, so replacing a file takes effect at once
 * @param revocationSoftFail accept a signer whose revocation status cannot be determined (no current CRL);
 *                           default false: such a signature is refused
 */
@Validated
@ConfigurationProperties("ketenpoort.signing.inbound")
public record InboundSignatureProperties(
        @NotNull @DefaultValue List<@NotNull Resource> trustAnchors,
        @NotNull @DefaultValue List<@NotNull Path> crlFiles,
        @DefaultValue("false") boolean revocationSoftFail) implements RevocationSettings {
}
