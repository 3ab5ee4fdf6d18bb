package nl.hvht.ketenpoort.partner;

import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;

/**
 * Whether and how the gateway encrypts what it delivers to a partner ({@code versleuteling} in the registry), after
 * signing it: sign, then encrypt for the partner's registered certificate. The key management follows the
 * certificate's key: an RSA key (at least 2048 bits, keyUsage keyEncipherment if keyUsage is present) gets RSA-OAEP
 * with SHA-256 key transport, an EC key (keyUsage keyAgreement if keyUsage is present) ephemeral-static ECDH with
 * the SHA-256 KDF and AES-256 key wrap.
 */
public enum Versleuteling {

    /** Signed only (default). */
    GEEN,

    /** CMS AuthEnvelopedData (RFC 5083/5084), AES-256-GCM: confidentiality and integrity. Recommended. */
    AUTH_ENVELOPED_AES_GCM,

    /**
     * CMS EnvelopedData, AES-256-CBC: for partners whose software has no AuthEnvelopedData. The ciphertext itself
     * has no integrity protection; the signature inside it does, so the partner must verify it after decrypting.
     */
    ENVELOPED_AES_CBC;

    private static final int MIN_RSA_BITS = 2048;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_AGREEMENT = 4;

    /**
     * Checks that a partner's certificate can be encrypted for with this scheme; the message names the partner and
     * the problem, never key material.
     */
    void check(String partnerId, X509Certificate certificate) {
        if (this == GEEN) {
            return;
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        String prefix = "ketenpoort.partners: versleuteling " + name() + " for partner '" + partnerId + "': ";
        if (certificate.getPublicKey() instanceof RSAPublicKey rsa) {
            if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
                throw new IllegalStateException(prefix + "RSA key of the certificate has fewer than " + MIN_RSA_BITS + " bits");
            }
            if (keyUsage != null && !keyUsage[KEY_ENCIPHERMENT]) {
                throw new IllegalStateException(prefix + "certificate with an RSA key lacks keyUsage keyEncipherment");
            }
        } else if (certificate.getPublicKey() instanceof ECPublicKey) {
            if (keyUsage != null && !keyUsage[KEY_AGREEMENT]) {
                throw new IllegalStateException(prefix + "certificate with an EC key lacks keyUsage keyAgreement");
            }
        } else {
            throw new IllegalStateException(prefix + "certificate key " + certificate.getPublicKey().getAlgorithm()
                    + " cannot be encrypted for (RSA or EC expected)");
        }
    }
}
