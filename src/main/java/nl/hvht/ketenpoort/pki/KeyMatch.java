package nl.hvht.ketenpoort.pki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;

/** Whether a private key belongs to a certificate: a random challenge signed with the key verifies with its public key. */
public final class KeyMatch {

    private KeyMatch() {
    }

    /** With SHA-256 and the key's own algorithm (ECDSA for EC keys). */
    public static boolean matches(PrivateKey key, Certificate certificate) {
        return matches(key, certificate, "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm());
    }

    /** With the given signature algorithm; false also when the key cannot sign with it. */
    public static boolean matches(PrivateKey key, Certificate certificate, String algorithm) {
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
