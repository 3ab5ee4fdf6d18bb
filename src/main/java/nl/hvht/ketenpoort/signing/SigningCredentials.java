package nl.hvht.ketenpoort.signing;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import nl.hvht.ketenpoort.pki.KeyMatch;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.Resource;

/**
 * The signing key and certificate chain, loaded from PEM and checked once: readable, a key Bouncy
 * Castle can sign with (EC or RSA), matching the first certificate, and that certificate valid now.
 * Error messages name the file, never its content.
 */
record SigningCredentials(PrivateKey privateKey, List<X509Certificate> chain, String signatureAlgorithm) {

    X509Certificate certificate() {
        return chain.get(0);
    }

    static SigningCredentials load(SigningProperties properties) {
        String keyFile = SigningProperties.describe(properties.privateKey());
        String certFile = SigningProperties.describe(properties.certificate());
        List<X509Certificate> chain;
        try {
            chain = pem(properties.certificate()).getCertificates();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Signing certificate " + certFile + " could not be read as PEM", e);
        }
        if (chain == null || chain.isEmpty()) {
            throw new IllegalStateException("Signing certificate " + certFile + " holds no certificate");
        }
        PrivateKey key;
        try {
            key = pem(properties.privateKey()).getPrivateKey();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Signing key " + keyFile + " could not be read as a PEM private key", e);
        }
        if (key == null) {
            throw new IllegalStateException("Signing key " + keyFile + " holds no private key");
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new IllegalStateException("Signing key " + keyFile + " has unsupported algorithm "
                    + key.getAlgorithm() + " (EC or RSA expected)");
        };
        X509Certificate certificate = chain.get(0);
        if (!KeyMatch.matches(key, certificate, algorithm)) {
            throw new IllegalStateException("Signing key " + keyFile + " does not belong to certificate " + certFile);
        }
        try {
            certificate.checkValidity();
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new IllegalStateException("Signing certificate " + certFile + " is not valid now (valid "
                    + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ")", e);
        }
        return new SigningCredentials(key, List.copyOf(chain), algorithm);
    }

    private static PemContent pem(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return PemContent.load(in);
        }
    }

    @Override
    public String toString() {
        return "SigningCredentials[signer=" + certificate().getSubjectX500Principal().getName()
                + ", chain=" + chain.size() + ", privateKey=(hidden)]";
    }
}
