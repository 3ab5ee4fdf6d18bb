package nl.hvht.ketenpoort.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.hvht.ketenpoort.demo.pki.CertificateAuthority;
import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.pki.PkiProperties;
import nl.hvht.ketenpoort.signing.SignatureInvalidException.Reason;
import nl.hvht.ketenpoort.support.Bytes;
import nl.hvht.ketenpoort.support.SignedBerichten;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * A partner's signed message, checked as the intake does: anchors from {@code ${ketenpoort.pki.dir}/ca.crt}
 * plus configured ones, revocation by CRL (fail closed), and the signer's OIN equal to the sender's.
 */
class InboundSignaturesTest {

    private static final String SECRET = "HVHT-2026-0042";
    private static final byte[] CONTENT = ("<bericht><deelnemer>" + SECRET + "</deelnemer></bericht>")
            .getBytes(StandardCharsets.UTF_8);
    private static final String TRAJECTUM_OIN = "00000001900000020000";
    private static final String TRANSFORE_OIN = "00000001900000019000";

    @TempDir
    Path dir;

    private Path crl;
    private InboundSignatures signatures;
    private final IssuedCertificate trajectum = SignedBerichten.signingCertificate("trajectum", TRAJECTUM_OIN);

    @BeforeEach
    void configure() throws Exception {
        crl = dir.resolve("ca.crl");
        Files.write(crl, TestPki.pki().ca().issueCrl(List.of(), Instant.now().plus(Duration.ofDays(7))).getEncoded());
        signatures = inbound(List.of(), List.of(crl), false);
    }

    @Test
    void returnsExactlyTheSignedContent() throws Exception {
        VerifiedContent verified = signatures.verify(SignedBerichten.sign(trajectum, CONTENT), TRAJECTUM_OIN);
        assertThat(verified.content()).isEqualTo(CONTENT);
        assertThat(verified.signerCertificate()).isEqualTo(trajectum.certificate());
    }

    @Test
    void refusesASignerOfAnotherOrganisation() {
        IssuedCertificate transfore = SignedBerichten.signingCertificate("transfore", TRANSFORE_OIN);
        assertRefused(SignedBerichten.sign(transfore, CONTENT), Reason.SIGNER_MISMATCH);
        IssuedCertificate noOin = TestPki.pki().ca().issue(CertificateProfile.SIGNING, "x", "x", "geen-oin");
        assertRefused(SignedBerichten.sign(noOin, CONTENT), Reason.SIGNER_MISMATCH);
    }

    @Test
    void refusesTamperedContent() {
        byte[] signed = SignedBerichten.sign(trajectum, CONTENT);
        byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
        int at = Bytes.indexOf(signed, secret);
        assertThat(at).isPositive();
        signed[at] ^= 0x01;
        assertRefused(signed, Reason.SIGNATURE_INVALID);
    }

    @Test
    void refusesAnUntrustedChainUnlessItsCaIsConfigured() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("PKIoverheid Organisatie Persoon CA - G3 (test)", "Test", 1);
        IssuedCertificate signer = other.issue(CertificateProfile.SIGNING, "trajectum", "trajectum", TRAJECTUM_OIN);
        byte[] signed = SignedBerichten.sign(signer, CONTENT);
        assertRefused(signed, Reason.UNTRUSTED_SIGNER);

        Path anchor = dir.resolve("other-ca.crt");
        Files.writeString(anchor, "-----BEGIN CERTIFICATE-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(other.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Path otherCrl = dir.resolve("other.crl");
        Files.write(otherCrl, other.issueCrl(List.of(), Instant.now().plus(Duration.ofDays(7))).getEncoded());
        InboundSignatures withAnchor = inbound(List.of(new FileSystemResource(anchor)), List.of(crl, otherCrl), false);
        assertThat(withAnchor.verify(signed, TRAJECTUM_OIN).content()).isEqualTo(CONTENT);
    }

    @Test
    void refusesATlsCertificateUsedToSign() {
        assertRefused(SignedBerichten.sign(TestPki.pki().partner("trajectum"), CONTENT), Reason.NOT_A_SIGNING_CERTIFICATE);
    }

    @Test
    void refusesSha1AndMissingSignedAttributes() {
        assertRefused(SignedBerichten.sign(trajectum, CONTENT, "SHA1withECDSA", true, false), Reason.WEAK_ALGORITHM);
        assertRefused(SignedBerichten.sign(trajectum, CONTENT, "SHA256withECDSA", true, true),
                Reason.MISSING_SIGNED_ATTRIBUTES);
        assertRefused(SignedBerichten.sign(trajectum, CONTENT, "SHA256withECDSA", false, false), Reason.MALFORMED);
    }

    @Test
    void refusesARevokedSignerAndFailsClosedWithoutCrl() throws Exception {
        Files.write(crl, TestPki.pki().ca().issueCrl(List.of(trajectum.certificate()), Instant.now().plus(Duration.ofDays(7)))
                .getEncoded());
        assertRefused(SignedBerichten.sign(trajectum, CONTENT), Reason.SIGNER_REVOKED);

        signatures = inbound(List.of(), List.of(), false);
        assertRefused(SignedBerichten.sign(trajectum, CONTENT), Reason.REVOCATION_UNKNOWN);

        signatures = inbound(List.of(), List.of(), true);
        assertThat(signatures.verify(SignedBerichten.sign(trajectum, CONTENT), TRAJECTUM_OIN).content()).isEqualTo(CONTENT);
    }

    @Test
    void anUnreadableTrustAnchorStopsStartUp() {
        assertThatThrownBy(() -> inbound(List.of(new FileSystemResource(dir.resolve("missing.crt"))), List.of(), false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ketenpoort.signing.inbound: trust anchor")
                .hasMessageContaining("missing.crt");
    }

    private InboundSignatures inbound(List<Resource> anchors, List<Path> crls, boolean softFail) {
        return new InboundSignatures(new PkiProperties(TestPki.dir(), Duration.ofDays(30), Duration.ZERO),
                new InboundSignatureProperties(anchors, crls, softFail));
    }

    private void assertRefused(byte[] signed, Reason reason) {
        assertThatThrownBy(() -> signatures.verify(signed, TRAJECTUM_OIN))
                .isInstanceOfSatisfying(SignatureInvalidException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).doesNotContain(SECRET);
                });
    }

}
