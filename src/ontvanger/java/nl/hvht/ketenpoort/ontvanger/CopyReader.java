package nl.hvht.ketenpoort.ontvanger;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import nl.hvht.ketenpoort.pki.CrlRevocation;
import nl.hvht.ketenpoort.signing.BerichtDecryptor;
import nl.hvht.ketenpoort.signing.CmsContentTypes;
import nl.hvht.ketenpoort.signing.DecryptionFailedException;
import nl.hvht.ketenpoort.signing.SignatureInvalidException;
import nl.hvht.ketenpoort.signing.SignatureVerifier;
import nl.hvht.ketenpoort.signing.VerifiedContent;

/**
 * Opens a copy the gateway delivered: verifies CMS SignedData with the gateway's own verifier
 * ({@link SignatureVerifier}: one signer, SHA-2, signed attributes, a signing certificate, PKIX path to the given trust
 * anchors, CRLs when given), optionally requiring the signer's OIN (the gateway's); or first decrypts AuthEnvelopedData /
 * EnvelopedData with the partner's key ({@link BerichtDecryptor}, both schemes, RSA-OAEP and ECDH).
 */
final class CopyReader {

    private final SignatureVerifier verifier;
    private final Optional<String> signerOin;
    private final boolean revocationChecked;

    /**
     * @param trustAnchors the CA certificates the gateway's signing certificate must chain to
     * @param crlFiles     CRL files of those CAs (PEM or DER); empty: revocation not checked
     * @param signerOin    the OIN the signer must have (the gateway's), or empty for any signer under the anchors
     */
    CopyReader(List<X509Certificate> trustAnchors, List<Path> crlFiles, Optional<String> signerOin) {
        crlFiles.forEach(Pem::requireFile);
        this.revocationChecked = !crlFiles.isEmpty();
        this.verifier = new SignatureVerifier(trustAnchors,
                revocationChecked ? CrlRevocation.fromFiles(crlFiles, false) : CrlRevocation.notChecked());
        signerOin.ifPresent(oin -> {
            if (!oin.matches("\\d{20}")) {
                throw new ToolException(ExitCode.USAGE, "--oin must be 20 digits");
            }
        });
        this.signerOin = signerOin;
    }

    /** A signed copy (SignedData): its verified content. */
    Opened verify(byte[] copy) {
        String form = form(copy);
        if (!CmsContentTypes.SIGNED.equals(form)) {
            throw new ToolException(ExitCode.INPUT, "the copy is encrypted (" + form + "): use decrypt with your key");
        }
        return opened(form, check(copy));
    }

    /** An encrypted copy (AuthEnvelopedData or EnvelopedData): decrypted with the key, then verified. */
    Opened decrypt(byte[] copy, Pem.Credentials recipient) {
        String form = form(copy);
        if (CmsContentTypes.SIGNED.equals(form)) {
            throw new ToolException(ExitCode.INPUT, "the copy is not encrypted (" + form + "): use verify");
        }
        byte[] signed;
        try {
            signed = new BerichtDecryptor(recipient.key(), recipient.certificate()).decrypt(copy);
        } catch (DecryptionFailedException e) {
            throw new ToolException(ExitCode.DECRYPTION_FAILED, "decryption failed: not encrypted for "
                    + Pem.subject(recipient.certificate()) + ", or altered or truncated");
        } catch (IllegalArgumentException e) {
            throw new ToolException(ExitCode.INPUT, "an RSA or EC key is needed to decrypt");
        }
        return opened(form, check(signed));
    }

    private VerifiedContent check(byte[] signedData) {
        VerifiedContent verified;
        try {
            verified = verifier.verify(signedData);
        } catch (SignatureInvalidException e) {
            throw new ToolException(ExitCode.SIGNATURE_INVALID, "signature refused: " + e.reason());
        }
        Optional<String> oin = CertificateIdentity.oinOf(verified.signerCertificate());
        if (signerOin.isPresent() && !signerOin.equals(oin)) {
            throw new ToolException(ExitCode.SIGNATURE_INVALID, "signature refused: " + SignatureInvalidException.Reason.SIGNER_MISMATCH
                    + " (signer OIN " + oin.orElse("none") + ", expected " + signerOin.get() + ")");
        }
        return verified;
    }

    private Opened opened(String form, VerifiedContent verified) {
        return new Opened(form, verified.content(), verified.signerCertificate(),
                CertificateIdentity.oinOf(verified.signerCertificate()), revocationChecked);
    }

    private static String form(byte[] copy) {
        try {
            return CmsContentTypes.mediaType(copy);
        } catch (IllegalArgumentException e) {
            throw new ToolException(ExitCode.INPUT, "the copy is not a CMS message the gateway sends"
                    + " (SignedData, AuthEnvelopedData or EnvelopedData)");
        }
    }

    /**
     * A verified copy.
     *
     * @param form              the media type of the copy as received
     * @param xml               the signed content (the message XML); never logged
     * @param signer            the certificate that signed it, validated against the trust anchors
     * @param signerOin         its OIN, if it has one
     * @param revocationChecked whether CRLs were checked
     */
    record Opened(String form, byte[] xml, X509Certificate signer, Optional<String> signerOin, boolean revocationChecked) {

        /** One line for stderr: form, signer and OIN, never content. */
        String summary() {
            return "verified " + form + ": signed by " + Pem.subject(signer)
                    + signerOin.map(oin -> " (OIN " + oin + ")").orElse("")
                    + ", path to the trust anchor valid, revocation " + (revocationChecked ? "checked" : "not checked (no --crl)")
                    + "; " + xml.length + " bytes of XML";
        }

        @Override
        public String toString() {
            return "Opened[" + form + ", bytes=" + xml.length + "]";
        }
    }
}
