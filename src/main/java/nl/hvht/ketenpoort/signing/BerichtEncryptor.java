package nl.hvht.ketenpoort.signing;

import java.security.cert.X509Certificate;
import nl.hvht.ketenpoort.partner.Versleuteling;

/** Encrypts a signed message (CMS SignedData) for one recipient's certificate: sign, then encrypt. */
public interface BerichtEncryptor {

    /**
     * The signed message as CMS AuthEnvelopedData or EnvelopedData (DER) for the certificate, with inner content
     * type id-signedData; for {@link Versleuteling#GEEN} the signed message unchanged.
     */
    byte[] encrypt(byte[] signedData, X509Certificate recipient, Versleuteling scheme);
}
