package nl.hvht.ketenpoort.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import nl.hvht.ketenpoort.partner.Versleuteling;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.Bytes;
import nl.hvht.ketenpoort.support.ReceivedSignature;
import nl.hvht.ketenpoort.support.TestKeys;
import nl.hvht.ketenpoort.support.TestPki;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EnvelopedData;
import org.bouncycastle.asn1.cms.KeyAgreeRecipientInfo;
import org.bouncycastle.asn1.cms.KeyTransRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientEncryptedKey;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sign, then encrypt ({@link CmsBerichtEncryptor}) and decrypt ({@link BerichtDecryptor}) for both schemes and both
 * kinds of key: the example PKI's EC partner certificates (ECDH) and RSA certificates (RSA-OAEP); and every way of
 * breaking it gives the one indistinguishable {@link DecryptionFailedException}.
 */
class BerichtEncryptionTest {

    private static final byte[] CONTENT = "<bericht>voorbeeld-inhoud</bericht>".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SIGNED = new CmsBerichtSigner(CmsBerichtSignerTest.exampleProperties()).sign(CONTENT);
    private static final IssuedCertificate EC = TestPki.pki().partner("justact");
    private static final IssuedCertificate OTHER_EC = TestPki.pki().partner("trajectum");
    private static final IssuedCertificate RSA = TestKeys.rsa(2048, KeyUsage.keyEncipherment);
    private static final IssuedCertificate OTHER_RSA = TestKeys.rsa(2048, KeyUsage.keyEncipherment);

    private final CmsBerichtEncryptor encryptor = new CmsBerichtEncryptor();

    static Stream<Arguments> schemesAndKeys() {
        return Stream.of(Arguments.of(Versleuteling.AUTH_ENVELOPED_AES_GCM, EC, OTHER_EC),
                Arguments.of(Versleuteling.AUTH_ENVELOPED_AES_GCM, RSA, OTHER_RSA),
                Arguments.of(Versleuteling.ENVELOPED_AES_CBC, EC, OTHER_EC),
                Arguments.of(Versleuteling.ENVELOPED_AES_CBC, RSA, OTHER_RSA));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemesAndKeys")
    void roundTripGivesTheSignedMessageWhichVerifies(Versleuteling scheme, IssuedCertificate recipient) throws Exception {
        byte[] encrypted = encryptor.encrypt(SIGNED, recipient.certificate(), scheme);

        assertThat(Bytes.indexOf(encrypted, CONTENT)).as("no plaintext in the encrypted message").isEqualTo(-1);
        assertThat(CmsContentTypes.isFormOf(scheme, encrypted)).isTrue();
        assertThat(CmsContentTypes.mediaType(encrypted)).isEqualTo(scheme == Versleuteling.AUTH_ENVELOPED_AES_GCM
                ? "application/pkcs7-mime; smime-type=authEnveloped-data" : "application/pkcs7-mime; smime-type=enveloped-data");
        byte[] decrypted = new BerichtDecryptor(recipient.privateKey(), recipient.certificate()).decrypt(encrypted);
        assertThat(decrypted).isEqualTo(SIGNED);
        assertThat(ReceivedSignature.verify(decrypted)).isEqualTo(CONTENT);
        assertThat(encryptor.encrypt(SIGNED, recipient.certificate(), scheme)).as("fresh keys per message").isNotEqualTo(encrypted);
    }

    @Test
    void algorithmsAreTheDocumentedOnes() throws Exception {
        ContentInfo gcm = ContentInfo.getInstance(ASN1Primitive.fromByteArray(
                encryptor.encrypt(SIGNED, RSA.certificate(), Versleuteling.AUTH_ENVELOPED_AES_GCM)));
        AuthEnvelopedData auth = AuthEnvelopedData.getInstance(gcm.getContent());
        assertThat(auth.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm().getAlgorithm()).isEqualTo(CMSAlgorithm.AES256_GCM);
        assertThat(((KeyTransRecipientInfo) RecipientInfo.getInstance(auth.getRecipientInfos().getObjectAt(0)).getInfo())
                .getKeyEncryptionAlgorithm().getAlgorithm()).isEqualTo(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_RSAES_OAEP);
        ContentInfo cbc = ContentInfo.getInstance(ASN1Primitive.fromByteArray(
                encryptor.encrypt(SIGNED, EC.certificate(), Versleuteling.ENVELOPED_AES_CBC)));
        EnvelopedData enveloped = EnvelopedData.getInstance(cbc.getContent());
        assertThat(enveloped.getEncryptedContentInfo().getContentEncryptionAlgorithm().getAlgorithm()).isEqualTo(CMSAlgorithm.AES256_CBC);
        assertThat(((KeyAgreeRecipientInfo) RecipientInfo.getInstance(enveloped.getRecipientInfos().getObjectAt(0)).getInfo())
                .getKeyEncryptionAlgorithm().getAlgorithm()).isEqualTo(CMSAlgorithm.ECDH_SHA256KDF);
    }

    @Test
    void geenLeavesTheSignedMessageAsItIs() {
        assertThat(encryptor.encrypt(SIGNED, EC.certificate(), Versleuteling.GEEN)).isSameAs(SIGNED);
        assertThat(CmsContentTypes.mediaType(SIGNED)).isEqualTo("application/pkcs7-mime; smime-type=signed-data");
        assertThat(CmsContentTypes.isFormOf(Versleuteling.GEEN, SIGNED)).isTrue();
        assertThat(CmsContentTypes.isFormOf(Versleuteling.AUTH_ENVELOPED_AES_GCM, SIGNED)).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemesAndKeys")
    void everyFailureIsTheSameError(Versleuteling scheme, IssuedCertificate recipient, IssuedCertificate other) throws Exception {
        byte[] encrypted = encryptor.encrypt(SIGNED, recipient.certificate(), scheme);
        BerichtDecryptor decryptor = new BerichtDecryptor(recipient.privateKey(), recipient.certificate());
        List<byte[]> broken = new ArrayList<>();
        broken.add(flip(encrypted, encryptedKey(encrypted), 5, 0x01));
        broken.add(flip(encrypted, encryptedKey(encrypted), encryptedKey(encrypted).length - 1, 0x80));
        broken.add(Arrays.copyOf(encrypted, encrypted.length - 7));
        broken.add(Arrays.copyOf(encrypted, encrypted.length / 2));
        broken.add(Arrays.copyOf(encrypted, encrypted.length + 1));
        broken.add(SIGNED);
        broken.add(CONTENT);
        broken.add(new byte[0]);
        broken.add(encryptor.encrypt(SIGNED, other.certificate(), scheme));
        byte[] ciphertext = ciphertext(encrypted);
        if (scheme == Versleuteling.AUTH_ENVELOPED_AES_GCM) {
            broken.add(flip(encrypted, ciphertext, 0, 0x01));
            broken.add(flip(encrypted, ciphertext, ciphertext.length / 2, 0x40));
            broken.add(flip(encrypted, ciphertext, ciphertext.length - 1, 0x01));
            byte[] tag = AuthEnvelopedData.getInstance(ContentInfo.getInstance(ASN1Primitive.fromByteArray(encrypted)).getContent())
                    .getMac().getOctets();
            assertThat(tag).hasSize(16);
            broken.add(flip(encrypted, tag, 0, 0x01));
            broken.add(flip(encrypted, tag, 15, 0x80));
        } else {
            // CBC: a change of the last padding byte to a value above the block size is always bad padding.
            broken.add(flip(encrypted, ciphertext, ciphertext.length - 17, 0x80));
        }

        List<Throwable> errors = new ArrayList<>();
        for (byte[] input : broken) {
            errors.add(catchThrowable(() -> decryptor.decrypt(input)));
        }
        // The right certificate with the wrong key, and the wrong certificate's key.
        errors.add(catchThrowable(() -> new BerichtDecryptor(other.privateKey(), recipient.certificate()).decrypt(encrypted)));
        errors.add(catchThrowable(() -> new BerichtDecryptor(other.privateKey(), other.certificate()).decrypt(encrypted)));

        assertThat(errors).hasSize(broken.size() + 2).allSatisfy(error -> {
            assertThat(error).isExactlyInstanceOf(DecryptionFailedException.class)
                    .hasMessage("encrypted message could not be decrypted").hasNoCause();
            assertThat(error.getSuppressed()).isEmpty();
        });
        assertThat(decryptor.decrypt(encrypted)).as("the intact message still decrypts").isEqualTo(SIGNED);
    }

    static Stream<IssuedCertificate> keys() {
        return Stream.of(EC, RSA);
    }

    @ParameterizedTest
    @MethodSource("keys")
    void tamperedCbcCiphertextNeverYieldsAVerifiedMessage(IssuedCertificate recipient) throws Exception {
        byte[] encrypted = encryptor.encrypt(SIGNED, recipient.certificate(), Versleuteling.ENVELOPED_AES_CBC);
        byte[] ciphertext = ciphertext(encrypted);
        BerichtDecryptor decryptor = new BerichtDecryptor(recipient.privateKey(), recipient.certificate());
        for (int position : new int[] {0, 20, ciphertext.length / 2, ciphertext.length - 20}) {
            byte[] tampered = flip(encrypted, ciphertext, position, 0x01);
            // EnvelopedData has no integrity of its own: the signature inside is what catches the change.
            Throwable error = catchThrowable(() -> ReceivedSignature.verify(decryptor.decrypt(tampered)));
            assertThat(error).as("byte %d flipped", position).isNotNull();
        }
    }

    /** A copy is for the certificate it was encrypted for (so one made for a replaced certificate is made again). */
    @Test
    void aCopyKnowsWhichCertificateItIsFor() {
        for (Versleuteling scheme : List.of(Versleuteling.AUTH_ENVELOPED_AES_GCM, Versleuteling.ENVELOPED_AES_CBC)) {
            for (IssuedCertificate[] pair : List.of(new IssuedCertificate[] {EC, OTHER_EC}, new IssuedCertificate[] {RSA, OTHER_RSA})) {
                byte[] encrypted = encryptor.encrypt(SIGNED, pair[0].certificate(), scheme);
                assertThat(CmsContentTypes.isEncryptedFor(encrypted, pair[0].certificate())).as(scheme.name()).isTrue();
                assertThat(CmsContentTypes.isEncryptedFor(encrypted, pair[1].certificate())).as(scheme.name()).isFalse();
            }
        }
        assertThat(CmsContentTypes.isEncryptedFor(SIGNED, EC.certificate())).isFalse();
    }

    private static byte[] flip(byte[] encoded, byte[] part, int offset, int mask) {
        int start = Bytes.indexOf(encoded, part);
        assertThat(start).as("part found in the encoding").isNotNegative();
        byte[] copy = encoded.clone();
        copy[start + offset] ^= (byte) mask;
        return copy;
    }

    private static byte[] ciphertext(byte[] encrypted) throws Exception {
        ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(encrypted));
        return info.getContentType().equals(org.bouncycastle.asn1.cms.CMSObjectIdentifiers.authEnvelopedData)
                ? AuthEnvelopedData.getInstance(info.getContent()).getAuthEncryptedContentInfo().getEncryptedContent().getOctets()
                : EnvelopedData.getInstance(info.getContent()).getEncryptedContentInfo().getEncryptedContent().getOctets();
    }

    private static byte[] encryptedKey(byte[] encrypted) throws Exception {
        ContentInfo info = ContentInfo.getInstance(ASN1Primitive.fromByteArray(encrypted));
        ASN1Set recipients = info.getContentType().equals(org.bouncycastle.asn1.cms.CMSObjectIdentifiers.authEnvelopedData)
                ? AuthEnvelopedData.getInstance(info.getContent()).getRecipientInfos()
                : EnvelopedData.getInstance(info.getContent()).getRecipientInfos();
        Object recipient = RecipientInfo.getInstance(recipients.getObjectAt(0)).getInfo();
        if (recipient instanceof KeyTransRecipientInfo keyTrans) {
            return keyTrans.getEncryptedKey().getOctets();
        }
        return RecipientEncryptedKey.getInstance(((KeyAgreeRecipientInfo) recipient).getRecipientEncryptedKeys().getObjectAt(0))
                .getEncryptedKey().getOctets();
    }
}
