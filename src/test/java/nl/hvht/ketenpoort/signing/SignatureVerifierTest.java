package nl.hvht.ketenpoort.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import nl.hvht.ketenpoort.demo.pki.CertificateAuthority;
import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.signing.SignatureInvalidException.Reason;
import nl.hvht.ketenpoort.support.Bytes;
import nl.hvht.ketenpoort.support.TestPki;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

    private static final String SECRET = "deelnemer-123-geheim";
    private static final byte[] CONTENT = ("<bericht>" + SECRET + "</bericht>").getBytes(StandardCharsets.UTF_8);

    private final SignatureVerifier verifier = new SignatureVerifier(List.of(TestPki.caCertificate()));
    private final IssuedCertificate gatewaySigning = TestPki.pki().gatewaySigning();

    @Test
    void acceptsAValidSignature() throws Exception {
        assertThat(verifier.verify(sign(gatewaySigning, "SHA256withECDSA", true, false)).content()).isEqualTo(CONTENT);
    }

    @Test
    void refusesTamperedContent() {
        byte[] signed = new CmsBerichtSigner(CmsBerichtSignerTest.exampleProperties()).sign(CONTENT);
        int at = Bytes.indexOf(signed, SECRET.getBytes(StandardCharsets.UTF_8));
        assertThat(at).isPositive();
        signed[at] ^= 0x01;
        assertRefused(signed, Reason.SIGNATURE_INVALID);
    }

    @Test
    void refusesTamperedSignatureValue() throws Exception {
        byte[] signed = new CmsBerichtSigner(CmsBerichtSignerTest.exampleProperties()).sign(CONTENT);
        byte[] signature = new org.bouncycastle.cms.CMSSignedData(signed).getSignerInfos().getSigners()
                .iterator().next().getSignature();
        int at = Bytes.indexOf(signed, signature);
        signed[at + signature.length - 1] ^= 0x01;
        assertRefused(signed, Reason.SIGNATURE_INVALID);
    }

    @Test
    void refusesSignerFromUntrustedCa() throws Exception {
        CertificateAuthority untrusted = CertificateAuthority.create("Ketenpoort Voorbeeld-CA", "Nep", 1);
        IssuedCertificate impostor = untrusted.issue(CertificateProfile.SIGNING, "ketenpoort-berichtondertekening",
                "Ketenpoort", "00000001900000000000");
        assertRefused(sign(impostor, "SHA256withECDSA", true, false), Reason.UNTRUSTED_SIGNER);
        assertRefused(new CmsBerichtSigner(new SigningCredentials(impostor.privateKey(),
                List.of(impostor.certificate(), untrusted.certificate()), "SHA256withECDSA")).sign(CONTENT),
                Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void refusesExpiredSignerOfTrustedCa() throws Exception {
        Instant start = Instant.now().minus(Duration.ofDays(10));
        IssuedCertificate expired = TestPki.pki().ca().issue(CertificateProfile.SIGNING, "oud", "oud",
                "00000001900000000000", start, start.plus(Duration.ofDays(1)));
        assertRefused(sign(expired, "SHA256withECDSA", true, false), Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void refusesSignerWithoutSigningKeyUsage() throws Exception {
        IssuedCertificate crlSignerOnly = TestPki.pki().ca().credentials();
        assertRefused(sign(crlSignerOnly, "SHA256withECDSA", true, false), Reason.NOT_A_SIGNING_CERTIFICATE);
    }

    @Test
    void refusesATlsCertificateUsedToSign() throws Exception {
        IssuedCertificate tls = TestPki.pki().partner("trajectum");
        assertThat(tls.certificate().getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.2");
        assertRefused(sign(tls, "SHA256withECDSA", true, false), Reason.NOT_A_SIGNING_CERTIFICATE);
        assertRefused(sign(TestPki.pki().gatewayTls(), "SHA256withECDSA", true, false), Reason.NOT_A_SIGNING_CERTIFICATE);
    }

    @Test
    void acceptsASigningCertificateOfAPartner() throws Exception {
        IssuedCertificate signing = TestPki.pki().ca().issue(CertificateProfile.SIGNING, "trajectum-ondertekening",
                "trajectum", "00000001900000020000");
        assertThat(verifier.verify(sign(signing, "SHA256withECDSA", true, false)).signerCertificate())
                .isEqualTo(signing.certificate());
    }

    @Test
    void refusesSha1() throws Exception {
        assertRefused(sign(gatewaySigning, "SHA1withECDSA", true, false), Reason.WEAK_ALGORITHM);
    }

    @Test
    void refusesMissingSignedAttributes() throws Exception {
        assertRefused(sign(gatewaySigning, "SHA256withECDSA", true, true), Reason.MISSING_SIGNED_ATTRIBUTES);
    }

    @Test
    void refusesMissingSignerCertificate() throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(gatewaySigning.privateKey()),
                        gatewaySigning.certificate()));
        assertRefused(generator.generate(new CMSProcessableByteArray(CONTENT), true).getEncoded(),
                Reason.SIGNER_CERTIFICATE_MISSING);
    }

    @Test
    void refusesMalformedAndDetachedData() throws Exception {
        assertRefused(new byte[0], Reason.MALFORMED);
        assertRefused(CONTENT, Reason.MALFORMED);
        byte[] valid = sign(gatewaySigning, "SHA256withECDSA", true, false);
        assertRefused(Arrays.copyOf(valid, valid.length / 2), Reason.MALFORMED);
        assertRefused(sign(gatewaySigning, "SHA256withECDSA", false, false), Reason.MALFORMED);
    }

    @Test
    void needsATrustAnchor() {
        assertThatThrownBy(() -> new SignatureVerifier(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesBytesAfterTheSignedStructure() throws Exception {
        byte[] signed = sign(gatewaySigning, "SHA256withECDSA", true, false);
        byte[] secondMessage = "<bericht>tweede, niet ondertekend</bericht>".getBytes(StandardCharsets.UTF_8);
        assertRefused(concat(signed, secondMessage), Reason.MALFORMED);
        // a second, validly signed structure appended is just as much "after the structure"
        assertRefused(concat(signed, sign(gatewaySigning, "SHA256withECDSA", true, false)), Reason.MALFORMED);
        assertRefused(concat(signed, new byte[] {0}), Reason.MALFORMED);
        assertRefused(concat(signed, new byte[] {0, 0}), Reason.MALFORMED);
        // the structure alone still verifies
        assertThat(verifier.verify(signed).content()).isEqualTo(CONTENT);
    }

    @Test
    void refusesATruncatedStructure() throws Exception {
        byte[] signed = sign(gatewaySigning, "SHA256withECDSA", true, false);
        assertRefused(Arrays.copyOf(signed, signed.length - 1), Reason.MALFORMED);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private void assertRefused(byte[] signed, Reason reason) {
        assertThatThrownBy(() -> verifier.verify(signed))
                .isInstanceOfSatisfying(SignatureInvalidException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).isEqualTo("CMS signature refused: " + reason).doesNotContain(SECRET);
                });
    }

    /** CMS SignedData built directly with Bouncy Castle, to produce what our signer never would. */
    private static byte[] sign(IssuedCertificate by, String algorithm, boolean encapsulate, boolean direct)
            throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .setDirectSignature(direct)
                .build(new JcaContentSignerBuilder(algorithm).build(by.privateKey()), by.certificate()));
        generator.addCertificates(new JcaCertStore(List.of(by.certificate())));
        return generator.generate(new CMSProcessableByteArray(CONTENT), encapsulate).getEncoded(ASN1Encoding.DER);
    }
}
