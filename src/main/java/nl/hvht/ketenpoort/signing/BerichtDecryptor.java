package nl.hvht.ketenpoort.signing;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientId;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.RecipientInformationStore;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientId;
import org.bouncycastle.cms.jcajce.JceKeyTransAuthEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * What a receiving partner does with an encrypted delivery (used by the demo receiver and the tests): decrypts CMS
 * AuthEnvelopedData or EnvelopedData with its private key (RSA: key transport; EC: key agreement) and returns the
 * inner CMS SignedData, which must then be verified. Every failure (not for this key, tampered ciphertext, tag or
 * encrypted key, truncated, not the expected structure) is the same {@link DecryptionFailedException}.
 */
public final class BerichtDecryptor {

    private static final Provider BC = new BouncyCastleProvider();

    private final PrivateKey key;
    private final RecipientId recipientId;
    private final boolean keyTransport;

    /** The partner's key and the certificate the gateway encrypts for (it names the recipient in the message). */
    public BerichtDecryptor(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        if (key instanceof RSAPrivateKey) {
            this.keyTransport = true;
            this.recipientId = new JceKeyTransRecipientId(certificate);
        } else if (key instanceof ECPrivateKey) {
            this.keyTransport = false;
            this.recipientId = new JceKeyAgreeRecipientId(certificate);
        } else {
            throw new IllegalArgumentException("RSA or EC key expected, not " + key.getAlgorithm());
        }
    }

    /** The inner CMS SignedData; any failure is {@link DecryptionFailedException}. */
    public byte[] decrypt(byte[] cms) {
        try {
            ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(cms));
            RecipientInformation recipient;
            Recipient unwrapper;
            if (CMSObjectIdentifiers.authEnvelopedData.equals(info.getContentType())) {
                recipient = ours(new CMSAuthEnvelopedData(info).getRecipientInfos());
                unwrapper = keyTransport ? new JceKeyTransAuthEnvelopedRecipient(key).setProvider(BC)
                        : new JceKeyAgreeAuthEnvelopedRecipient(key).setProvider(BC);
            } else if (CMSObjectIdentifiers.envelopedData.equals(info.getContentType())) {
                recipient = ours(new CMSEnvelopedData(info).getRecipientInfos());
                unwrapper = keyTransport ? new JceKeyTransEnvelopedRecipient(key).setProvider(BC)
                        : new JceKeyAgreeEnvelopedRecipient(key).setProvider(BC);
            } else {
                throw new DecryptionFailedException();
            }
            if (!CMSObjectIdentifiers.signedData.equals(recipient.getContentType())) {
                throw new DecryptionFailedException();
            }
            byte[] content = recipient.getContent(unwrapper);
            if (content == null || content.length == 0) {
                throw new DecryptionFailedException();
            }
            return content;
        } catch (CMSException | IOException | RuntimeException e) {
            // One error for every cause, and no cause attached: the reason must not be observable.
            throw new DecryptionFailedException();
        }
    }

    private RecipientInformation ours(RecipientInformationStore recipients) {
        RecipientInformation recipient = recipients.get(recipientId);
        if (recipient == null) {
            throw new DecryptionFailedException();
        }
        return recipient;
    }
}
