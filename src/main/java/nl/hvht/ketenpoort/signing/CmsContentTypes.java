package nl.hvht.ketenpoort.signing;

import java.io.IOException;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1SequenceParser;
import org.bouncycastle.asn1.ASN1StreamParser;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import nl.hvht.ketenpoort.partner.Versleuteling;

/**
 * The outer CMS content type of a message the gateway made (signed, enveloped or authEnveloped), the media type it
 * goes out with (RFC 8551 {@code smime-type} names; {@code authEnveloped-data} as RFC 5083 uses it), and the content
 * type a {@link Versleuteling} produces. Reads only the start of the ContentInfo.
 */
public final class CmsContentTypes {

    public static final String SIGNED = "application/pkcs7-mime; smime-type=signed-data";
    public static final String ENVELOPED = "application/pkcs7-mime; smime-type=enveloped-data";
    public static final String AUTH_ENVELOPED = "application/pkcs7-mime; smime-type=authEnveloped-data";

    private static final Map<ASN1ObjectIdentifier, String> MEDIA_TYPES = Map.of(
            CMSObjectIdentifiers.signedData, SIGNED,
            CMSObjectIdentifiers.envelopedData, ENVELOPED,
            CMSObjectIdentifiers.authEnvelopedData, AUTH_ENVELOPED);

    private CmsContentTypes() {
    }

    /** The media type for a CMS ContentInfo; {@link IllegalArgumentException} for anything else. */
    public static String mediaType(byte[] cms) {
        String mediaType = MEDIA_TYPES.get(contentType(cms));
        if (mediaType == null) {
            throw new IllegalArgumentException("not a signed or encrypted CMS message");
        }
        return mediaType;
    }

    /** Whether the message is in the form the scheme produces (SignedData for {@link Versleuteling#GEEN}). */
    public static boolean isFormOf(Versleuteling scheme, byte[] cms) {
        return mediaType(scheme).equals(MEDIA_TYPES.get(contentType(cms)));
    }

    /** The media type of what the scheme produces (SignedData for {@link Versleuteling#GEEN}). */
    public static String mediaType(Versleuteling scheme) {
        return switch (scheme) {
            case GEEN -> SIGNED;
            case AUTH_ENVELOPED_AES_GCM -> AUTH_ENVELOPED;
            case ENVELOPED_AES_CBC -> ENVELOPED;
        };
    }

    /**
     * Whether an encrypted message can be opened with this certificate's key: one of its recipients is that certificate
     * (issuer and serial). False for anything that is not EnvelopedData or AuthEnvelopedData.
     */
    public static boolean isEncryptedFor(byte[] cms, java.security.cert.X509Certificate certificate) {
        try {
            org.bouncycastle.cms.RecipientInformationStore recipients;
            String type = MEDIA_TYPES.get(contentType(cms));
            if (AUTH_ENVELOPED.equals(type)) {
                recipients = new org.bouncycastle.cms.CMSAuthEnvelopedData(cms).getRecipientInfos();
            } else if (ENVELOPED.equals(type)) {
                recipients = new org.bouncycastle.cms.CMSEnvelopedData(cms).getRecipientInfos();
            } else {
                return false;
            }
            return recipients.get(new org.bouncycastle.cms.jcajce.JceKeyTransRecipientId(certificate)) != null
                    || recipients.get(new org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId(certificate)) != null;
        } catch (org.bouncycastle.cms.CMSException | IllegalArgumentException e) {
            return false;
        }
    }

    private static ASN1ObjectIdentifier contentType(byte[] cms) {
        try {
            ASN1Encodable outer = new ASN1StreamParser(cms).readObject();
            if (outer instanceof ASN1SequenceParser sequence && sequence.readObject() instanceof ASN1ObjectIdentifier oid) {
                return oid;
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a CMS ContentInfo");
        }
        throw new IllegalArgumentException("not a CMS ContentInfo");
    }
}
