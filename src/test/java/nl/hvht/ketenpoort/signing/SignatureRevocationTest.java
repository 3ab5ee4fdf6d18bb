package nl.hvht.ketenpoort.signing;

import nl.hvht.ketenpoort.pki.CrlRevocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.hvht.ketenpoort.demo.pki.CertificateAuthority;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.signing.SignatureInvalidException.Reason;
import nl.hvht.ketenpoort.support.SignedBerichten;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revocation of the signer by CRL files (JDK PKIX revocation checker, CRLs only, no network). */
class SignatureRevocationTest {

    private static final byte[] CONTENT = "<bericht>inhoud</bericht>".getBytes(StandardCharsets.UTF_8);
    private static final String TRAJECTUM_OIN = "00000001900000020000";

    @TempDir
    Path dir;

    private final CertificateAuthority ca = TestPki.pki().ca();
    private final IssuedCertificate signer = SignedBerichten.signingCertificate("trajectum", TRAJECTUM_OIN);
    private final byte[] signed = SignedBerichten.sign(signer, CONTENT);

    @Test
    void acceptsASignerTheCurrentCrlDoesNotList() throws Exception {
        Path crl = write("ca.crl", ca.issueCrl(List.of(otherCertificate()), inAWeek()));
        assertThat(verifier(List.of(crl), false).verify(signed).content()).isEqualTo(CONTENT);
    }

    @Test
    void refusesARevokedSigner() throws Exception {
        Path crl = write("ca.crl", ca.issueCrl(List.of(signer.certificate()), inAWeek()));
        assertRefused(verifier(List.of(crl), false), Reason.SIGNER_REVOKED);
        assertRefused(verifier(List.of(crl), true), Reason.SIGNER_REVOKED);
    }

    @Test
    void failsClosedWhenNoCrlCanBeHad() {
        assertRefused(verifier(List.of(), false), Reason.REVOCATION_UNKNOWN);
        assertRefused(verifier(List.of(dir.resolve("missing.crl")), false), Reason.REVOCATION_UNKNOWN);
    }

    @Test
    void failsClosedOnAnExpiredUnreadableOrForeignCrl() throws Exception {
        Instant halfAnHourAgo = Instant.now().minus(Duration.ofMinutes(30));
        Path expired = write("expired.crl", ca.issueCrl(List.of(), halfAnHourAgo));
        assertRefused(verifier(List.of(expired), false), Reason.REVOCATION_UNKNOWN);

        Path garbage = dir.resolve("garbage.crl");
        Files.writeString(garbage, "geen CRL");
        assertRefused(verifier(List.of(garbage), false), Reason.REVOCATION_UNKNOWN);

        CertificateAuthority other = CertificateAuthority.create("Ketenpoort Voorbeeld-CA", "Nep", 1);
        Path foreign = write("foreign.crl", other.issueCrl(List.of(), inAWeek()));
        assertRefused(verifier(List.of(foreign), false), Reason.REVOCATION_UNKNOWN);
    }

    @Test
    void acceptsWithSoftFailWhenNoCrlCanBeHad() throws Exception {
        assertThat(verifier(List.of(), true).verify(signed).content()).isEqualTo(CONTENT);
        assertThat(verifier(List.of(dir.resolve("missing.crl")), true).verify(signed).content()).isEqualTo(CONTENT);
    }

    @Test
    void aReplacedCrlFileCountsAtTheNextCheck() throws Exception {
        Path crl = write("ca.crl", ca.issueCrl(List.of(), inAWeek()));
        SignatureVerifier verifier = verifier(List.of(crl), false);
        assertThat(verifier.verify(signed).content()).isEqualTo(CONTENT);

        write("ca.crl", ca.issueCrl(List.of(signer.certificate()), inAWeek()));

        assertRefused(verifier, Reason.SIGNER_REVOKED);
    }

    @Test
    void readsPemCrlsToo() throws Exception {
        X509CRL revoking = ca.issueCrl(List.of(signer.certificate()), inAWeek());
        Path pem = dir.resolve("ca.pem.crl");
        Files.writeString(pem, "-----BEGIN X509 CRL-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(revoking.getEncoded())
                + "\n-----END X509 CRL-----\n");
        assertRefused(verifier(List.of(pem), false), Reason.SIGNER_REVOKED);
    }

    private SignatureVerifier verifier(List<Path> crls, boolean softFail) {
        return new SignatureVerifier(List.of(TestPki.caCertificate()), CrlRevocation.fromFiles(crls, softFail));
    }

    private void assertRefused(SignatureVerifier verifier, Reason reason) {
        assertThatThrownBy(() -> verifier.verify(signed)).isInstanceOfSatisfying(SignatureInvalidException.class,
                e -> assertThat(e.reason()).isEqualTo(reason));
    }

    private Path write(String name, X509CRL crl) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, crl.getEncoded());
        return file;
    }

    private java.security.cert.X509Certificate otherCertificate() {
        return SignedBerichten.signingCertificate("transfore", "00000001900000019000").certificate();
    }

    private static Instant inAWeek() {
        return Instant.now().plus(Duration.ofDays(7));
    }
}
