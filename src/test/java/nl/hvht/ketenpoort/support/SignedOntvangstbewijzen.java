package nl.hvht.ketenpoort.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;

/**
 * Ontvangstbewijzen (signed receipts) as a partner would send them: an {@code ontvangstbevestiging}
 * (xsd/v1/ontvangstbevestiging.xsd), signed with the partner's signing certificate (issued once per partner from the trusted test CA, with its OIN).
 */
public final class SignedOntvangstbewijzen {

    private static final Map<String, IssuedCertificate> SIGNERS = new ConcurrentHashMap<>();

    private SignedOntvangstbewijzen() {
    }

    /** The receipt XML. */
    public static byte[] xml(String berichtId, String ontvanger, String digestHex, OffsetDateTime ontvangstmoment) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<ontvangstbevestiging xmlns=\"urn:nl:hvht:ketenpoort:bericht:v1\" versie=\"1.0\">"
                + "<berichtId>" + berichtId + "</berichtId>"
                + "<ontvanger>" + ontvanger + "</ontvanger>"
                + "<digest>" + digestHex + "</digest>"
                + "<ontvangstmoment>" + ontvangstmoment + "</ontvangstmoment>"
                + "</ontvangstbevestiging>").getBytes(StandardCharsets.UTF_8);
    }

    /** The partner's signing certificate (profile SIGNING, its OIN), the same one for the whole JVM. */
    public static IssuedCertificate signer(String partnerId) {
        return SIGNERS.computeIfAbsent(partnerId, id -> SignedBerichten.signingCertificate(id, oin(id)));
    }

    /** The OIN of an example partner. */
    public static String oin(String partnerId) {
        return CertificateIdentity.oinOf(TestPki.pki().partner(partnerId).certificate()).orElseThrow();
    }

    /** A valid receipt of {@code ontvanger} over exactly {@code received}. */
    public static byte[] receipt(String berichtId, String ontvanger, byte[] received) {
        return SignedBerichten.sign(signer(ontvanger), xml(berichtId, ontvanger, sha256(received), OffsetDateTime.now()));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
