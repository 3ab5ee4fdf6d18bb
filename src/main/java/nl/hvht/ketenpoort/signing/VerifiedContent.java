package nl.hvht.ketenpoort.signing;

import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;

/**
 * Content whose CMS signature was verified, with the certificate that signed it.
 *
 * @param content           the encapsulated content (not copied; do not modify)
 * @param signerCertificate the signer's certificate, validated against the verifier's trust anchors
 */
public record VerifiedContent(byte[] content, X509Certificate signerCertificate) {

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifiedContent that && Arrays.equals(content, that.content)
                && Objects.equals(signerCertificate, that.signerCertificate);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(content) + Objects.hashCode(signerCertificate);
    }

    /** Size and signer only, never the content. */
    @Override
    public String toString() {
        return "VerifiedContent[bytes=" + content.length + ", signer="
                + signerCertificate.getSubjectX500Principal().getName() + "]";
    }
}
