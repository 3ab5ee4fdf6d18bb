package nl.hvht.ketenpoort.signing;

import nl.hvht.ketenpoort.pki.CrlRevocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.hvht.ketenpoort.demo.pki.CertificateAuthority;
import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.signing.SignatureInvalidException.Reason;
import nl.hvht.ketenpoort.support.TestPki;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signers under an intermediate CA (root -> intermediate -> signer): the path is built with the intermediate from the CMS. */
class IntermediateSignatureTest {

    private static final byte[] CONTENT = "<bericht/>".getBytes(StandardCharsets.UTF_8);

    private final CertificateAuthority root = TestPki.pki().ca();
    private final CertificateAuthority intermediate = root.issueIntermediate("Tussen-CA", "Ketenpoort voorbeeld", 1);
    private final IssuedCertificate signer = intermediate.issue(CertificateProfile.SIGNING, "trajectum-ondertekening",
            "trajectum", "00000001900000020000");

    @TempDir
    Path dir;

    @Test
    void aSignerUnderAnIntermediateVerifiesWhenTheCmsCarriesTheIntermediate() throws Exception {
        VerifiedContent verified = verifier(crls(List.of(), List.of())).verify(sign(signer.certificate(), intermediate.certificate()));
        assertThat(verified.content()).isEqualTo(CONTENT);
        assertThat(verified.signerCertificate()).isEqualTo(signer.certificate());
    }

    @Test
    void withoutTheIntermediateThereIsNoPath() throws Exception {
        assertRefused(verifier(crls(List.of(), List.of())), sign(signer.certificate()), Reason.UNTRUSTED_SIGNER);
    }

    @Test
    void aRevokedIntermediateOrSignerAndAMissingIntermediateCrlAreRefused() throws Exception {
        byte[] cms = sign(signer.certificate(), intermediate.certificate());
        assertRefused(verifier(crls(List.of(intermediate.certificate()), List.of())), cms, Reason.SIGNER_REVOKED);
        assertRefused(verifier(crls(List.of(), List.of(signer.certificate()))), cms, Reason.SIGNER_REVOKED);
        Path rootOnly = dir.resolve("root-only.crl");
        Files.write(rootOnly, root.issueCrl(List.of(), Instant.now().plus(Duration.ofDays(1))).getEncoded());
        assertRefused(new SignatureVerifier(List.of(root.certificate()), CrlRevocation.fromFiles(List.of(rootOnly), false)),
                cms, Reason.REVOCATION_UNKNOWN);
    }

    private SignatureVerifier verifier(List<Path> crlFiles) {
        return new SignatureVerifier(List.of(root.certificate()), CrlRevocation.fromFiles(crlFiles, false));
    }

    private List<Path> crls(List<X509Certificate> revokedByRoot, List<X509Certificate> revokedByIntermediate) throws Exception {
        Instant next = Instant.now().plus(Duration.ofDays(1));
        Path rootCrl = Files.createTempFile(dir, "root", ".crl");
        Path intermediateCrl = Files.createTempFile(dir, "tussen", ".crl");
        Files.write(rootCrl, root.issueCrl(revokedByRoot, next).getEncoded());
        Files.write(intermediateCrl, intermediate.issueCrl(revokedByIntermediate, next).getEncoded());
        return List.of(rootCrl, intermediateCrl);
    }

    private byte[] sign(X509Certificate... included) throws Exception {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.privateKey()), signer.certificate()));
        generator.addCertificates(new JcaCertStore(new ArrayList<>(List.of(included))));
        return generator.generate(new CMSProcessableByteArray(CONTENT), true).getEncoded(ASN1Encoding.DER);
    }

    private static void assertRefused(SignatureVerifier verifier, byte[] cms, Reason reason) {
        assertThatThrownBy(() -> verifier.verify(cms)).isInstanceOf(SignatureInvalidException.class)
                .extracting(e -> ((SignatureInvalidException) e).reason()).isEqualTo(reason);
    }
}
