package nl.hvht.ketenpoort.signing;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Whether a certificate is meant for signing messages: keyUsage must be present with digitalSignature or
 * nonRepudiation, and a TLS certificate (extendedKeyUsage serverAuth or clientAuth) counts only if it
 * also has nonRepudiation. TLS keys and signing keys are kept apart (PKIoverheid issues them separately).
 */
public final class SigningKeyUsage {

    /** keyUsage bits in {@link X509Certificate#getKeyUsage()} order. */
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    private static final String SERVER_AUTH = KeyPurposeId.id_kp_serverAuth.getId();
    private static final String CLIENT_AUTH = KeyPurposeId.id_kp_clientAuth.getId();

    private SigningKeyUsage() {
    }

    public static boolean permitsSigning(X509Certificate certificate) {
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage == null || !(keyUsage[DIGITAL_SIGNATURE] || keyUsage[NON_REPUDIATION])) {
            return false;
        }
        List<String> extended;
        try {
            extended = certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            return false;
        }
        boolean tls = extended != null && (extended.contains(SERVER_AUTH) || extended.contains(CLIENT_AUTH));
        return !tls || keyUsage[NON_REPUDIATION];
    }
}
