package nl.hvht.ketenpoort.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSTypedData;
import org.bouncycastle.cms.RecipientInfoGenerator;
import org.bouncycastle.cms.SimpleAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import nl.hvht.ketenpoort.partner.Versleuteling;
import org.springframework.stereotype.Component;

/**
 * Encrypts signed messages with Bouncy Castle: {@link Versleuteling#AUTH_ENVELOPED_AES_GCM} as CMS AuthEnvelopedData
 * with AES-256-GCM (RFC 5083, 5084; authenticated attribute content-type id-signedData), {@link Versleuteling#ENVELOPED_AES_CBC} as CMS EnvelopedData with AES-256-CBC.
 * The content-encryption key goes to the recipient by RSA-OAEP (SHA-256, MGF1 with SHA-256) for an RSA certificate,
 * or by ephemeral-static ECDH (dhSinglePass-stdDH-sha256kdf) with AES-256 key wrap for an EC certificate; a fresh
 * content key (and for ECDH a fresh ephemeral key pair on the recipient's curve) per message. Thread-safe.
 */
@Component
class CmsBerichtEncryptor implements BerichtEncryptor {

    private static final Provider BC = new BouncyCastleProvider();
    private static final AlgorithmIdentifier RSA_OAEP_SHA256 = oaepSha256();
    /** RFC 5083: content other than id-data needs authAttrs with the content-type (authenticated with GCM). */
    private static final SimpleAttributeTableGenerator AUTH_ATTRIBUTES = new SimpleAttributeTableGenerator(new AttributeTable(
            new Attribute(CMSAttributes.contentType, new DERSet(CMSObjectIdentifiers.signedData))));

    @Override
    public byte[] encrypt(byte[] signedData, X509Certificate recipient, Versleuteling scheme) {
        CMSTypedData content = new CMSProcessableByteArray(CMSObjectIdentifiers.signedData, signedData);
        try {
            return switch (scheme) {
                case GEEN -> signedData;
                case AUTH_ENVELOPED_AES_GCM -> {
                    CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
                    generator.addRecipientInfoGenerator(recipientInfo(recipient));
                    generator.setAuthenticatedAttributeGenerator(AUTH_ATTRIBUTES);
                    OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_GCM)
                            .setProvider(BC).build();
                    yield generator.generate(content, encryptor).toASN1Structure().getEncoded(ASN1Encoding.DER);
                }
                case ENVELOPED_AES_CBC -> {
                    CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
                    generator.addRecipientInfoGenerator(recipientInfo(recipient));
                    yield generator.generate(content, new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(BC).build())
                            .toASN1Structure().getEncoded(ASN1Encoding.DER);
                }
            };
        } catch (CMSException | GeneralSecurityException e) {
            throw new IllegalStateException("CMS encryption (" + scheme + ") failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("CMS encoding failed", e);
        }
    }

    private static RecipientInfoGenerator recipientInfo(X509Certificate recipient) throws GeneralSecurityException {
        if (recipient.getPublicKey() instanceof RSAPublicKey) {
            return new JceKeyTransRecipientInfoGenerator(recipient, RSA_OAEP_SHA256).setProvider(BC);
        }
        if (recipient.getPublicKey() instanceof ECPublicKey ec) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
            generator.initialize(ec.getParams());
            KeyPair ephemeral = generator.generateKeyPair();
            return new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF, ephemeral.getPrivate(),
                    ephemeral.getPublic(), CMSAlgorithm.AES256_WRAP).setProvider(BC).addRecipient(recipient);
        }
        throw new IllegalArgumentException("cannot encrypt for a " + recipient.getPublicKey().getAlgorithm() + " key");
    }

    private static AlgorithmIdentifier oaepSha256() {
        try {
            return new JcaAlgorithmParametersConverter().getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP,
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP parameters could not be encoded", e);
        }
    }
}
