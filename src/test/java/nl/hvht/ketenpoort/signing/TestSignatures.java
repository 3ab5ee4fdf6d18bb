package nl.hvht.ketenpoort.signing;

import nl.hvht.ketenpoort.pki.CrlRevocation;

import java.security.cert.X509Certificate;
import java.util.Collection;
import nl.hvht.ketenpoort.demo.pki.ExamplePki;
import nl.hvht.ketenpoort.support.TestPki;
import org.springframework.core.io.FileSystemResource;

/**
 * For tests outside this package: an {@link InboundSignatures} with given anchors and no revocation check; the
 * gateway's signer with the test PKI's signing key.
 */
public final class TestSignatures {

    private TestSignatures() {
    }

    public static InboundSignatures inbound(Collection<X509Certificate> trustAnchors) {
        return new InboundSignatures(trustAnchors, CrlRevocation.notChecked());
    }

    /** The gateway's encryptor for recipients' certificates (both schemes, RSA-OAEP and ECDH), as {@link CopySigner} uses it. */
    public static BerichtEncryptor gatewayEncryptor() {
        return new CmsBerichtEncryptor();
    }

    /** The gateway's CMS signer with {@code gateway-signing.crt/.key} of {@link TestPki}. */
    public static BerichtSigner gatewaySigner() {
        return new CmsBerichtSigner(new SigningProperties(new FileSystemResource(TestPki.cert(ExamplePki.GATEWAY_SIGNING)),
                new FileSystemResource(TestPki.key(ExamplePki.GATEWAY_SIGNING))));
    }
}
