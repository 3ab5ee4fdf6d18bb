package nl.hvht.ketenpoort.demo.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.pem.PemContent;

class ExamplePkiTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    @TempDir
    static Path dir;

    static ExampleNetwork network;

    @BeforeAll
    static void generate() {
        network = ExampleNetwork.load(ExampleNetwork.RESOURCE);
        ExamplePki.generate(dir, network.gatewayOin(), network.partnerOinsById());
    }

    @Test
    void examplePartnerFileIsRead() {
        assertThat(network.gatewayOin()).isEqualTo("00000001900000000000");
        assertThat(network.partnerOinsById()).hasSize(21)
                .containsEntry("hvht", "00000001900000001000")
                .containsKeys("gemeente-almelo", "gemeente-hof-van-twente", "transfore", "trajectum", "justact");
    }

    @Test
    void writesEveryCertificateAndPkcs8KeyOwnerOnly() throws IOException {
        for (String name : names()) {
            assertThat(dir.resolve(name + ".crt")).isRegularFile();
            Path key = dir.resolve(name + ".key");
            // PKCS#8 PEM label, spelled in two parts so this source file never looks like a key file itself.
            assertThat(Files.readString(key)).startsWith("-----BEGIN " + "PRIVATE KEY-----");
            if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void caIsSelfSignedCriticalCaWithoutOin() throws Exception {
        X509Certificate ca = cert("ca");
        assertThat(ca.getSubjectX500Principal().getName())
                .isEqualTo("CN=Ketenpoort Voorbeeld-CA,O=Ketenpoort voorbeeld (niet voor productie),C=NL");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        ca.verify(ca.getPublicKey());
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(ca.getKeyUsage()[DIGITAL_SIGNATURE]).isFalse();
        assertThat(ca.getExtensionValue("2.5.29.14")).as("subject key id").isNotNull();
        assertThat(CertificateIdentity.oinOf(ca)).isEmpty();
        assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()).toDays())
                .isBetween(5 * 365L, 5 * 366L);
    }

    @Test
    void oinIsInSubjectSerialNumber() throws Exception {
        network.partnerOinsById().forEach((id, oin) -> {
            X509Certificate partner = cert(id);
            assertThat(CertificateIdentity.oinOf(partner)).as(id).contains(oin);
            assertThat(partner.getSubjectX500Principal().getName())
                    .isEqualTo("CN=" + id + ",O=" + id + ",2.5.4.5=#1314" + hex(oin) + ",C=NL");
        });
        assertThat(CertificateIdentity.oinOf(cert("gateway-tls"))).contains(network.gatewayOin());
        assertThat(CertificateIdentity.oinOf(cert("gateway-signing"))).contains(network.gatewayOin());
    }

    @Test
    void everyLeafChainsToTheCaWithPkix() throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(cert("ca"), null)));
        parameters.setRevocationEnabled(false);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        for (String name : leafNames()) {
            X509Certificate leaf = cert(name);
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf)), parameters);
            assertThat(leaf.getBasicConstraints()).as(name).isEqualTo(-1);
            assertThat(leaf.getExtensionValue("2.5.29.35")).as("authority key id").isNotNull();
            assertThat(leaf.getExtensionValue("2.5.29.14")).as("subject key id").isNotNull();
            assertThat(leaf.getSerialNumber().signum()).isPositive();
            assertThat(leaf.getNotBefore().toInstant()).isBefore(Instant.now().minus(Duration.ofMinutes(59)));
            assertThat(Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant()).toDays())
                    .isBetween(2 * 365L, 2 * 366L);
        }
    }

    @Test
    void certificateFromAnotherCaDoesNotValidate() throws Exception {
        CertificateAuthority other = CertificateAuthority.create("Andere CA", "Niet vertrouwd", 1);
        X509Certificate leaf = other.issue(CertificateProfile.TLS, "hvht", "hvht", "00000001900000001000").certificate();
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(cert("ca"), null)));
        parameters.setRevocationEnabled(false);
        assertThatThrownBy(() -> CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void everyKeyMatchesItsCertificate() throws Exception {
        for (String name : names()) {
            PrivateKey key = PemContent.load(dir.resolve(name + ".key")).getPrivateKey();
            assertThat(key.getAlgorithm()).isEqualTo("EC");
            byte[] challenge = name.getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(key);
            signer.update(challenge);
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(cert(name).getPublicKey());
            verifier.update(challenge);
            assertThat(verifier.verify(signer.sign())).as(name).isTrue();
        }
    }

    @Test
    void signingCertificateHasNoTlsUsageAndTlsCertificatesNoNonRepudiation() throws Exception {
        X509Certificate signing = cert("gateway-signing");
        assertThat(signing.getExtendedKeyUsage()).isNull();
        assertThat(signing.getKeyUsage()[DIGITAL_SIGNATURE]).isTrue();
        assertThat(signing.getKeyUsage()[NON_REPUDIATION]).isTrue();
        assertThat(signing.getSubjectAlternativeNames()).isNull();
        assertThat(signing.getPublicKey()).isNotEqualTo(cert("gateway-tls").getPublicKey());

        List<String> tls = new ArrayList<>(network.partnerOinsById().keySet());
        tls.add("gateway-tls");
        for (String name : tls) {
            X509Certificate certificate = cert(name);
            assertThat(certificate.getKeyUsage()[NON_REPUDIATION]).as(name).isFalse();
            assertThat(certificate.getKeyUsage()[DIGITAL_SIGNATURE]).as(name).isTrue();
            assertThat(certificate.getExtendedKeyUsage()).as(name).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
            assertThat(certificate.getSubjectAlternativeNames()).as(name)
                    .contains(List.of(2, "localhost"), List.of(7, "127.0.0.1"));
        }
    }

    @Test
    void issuesExpiredCertificatesOnRequest() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create("Test CA", "Test", 1);
        Instant start = Instant.now().minus(Duration.ofDays(30));
        IssuedCertificate expired = ca.issue(CertificateProfile.SIGNING, "oud", "oud", "00000001900000009999",
                start, start.plus(Duration.ofDays(1)));
        assertThat(expired.certificate().getNotAfter().toInstant()).isBefore(Instant.now());
        assertThat(expired.toString()).doesNotContain("PRIVATE").contains("(hidden)");
    }

    @Test
    void refusesInvalidOinsAndIds() {
        assertThatThrownBy(() -> ExamplePki.create("123", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExamplePki.create("00000001900000000000", Map.of("../evil", "00000001900000001000")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExamplePki.create("00000001900000000000", Map.of("ca", "00000001900000001000")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mainRefusesToOverwriteWithoutForce(@TempDir Path out) throws IOException {
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(ExamplePki.run(new String[] {out.toString()}, quiet, quiet)).isZero();
        String ca = Files.readString(out.resolve("ca.crt"));
        assertThat(out.resolve("hvht.key")).isRegularFile();

        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        assertThat(ExamplePki.run(new String[] {out.toString()}, quiet,
                new PrintStream(errors, true, StandardCharsets.UTF_8))).isEqualTo(1);
        assertThat(errors.toString(StandardCharsets.UTF_8)).contains("--force");
        assertThat(Files.readString(out.resolve("ca.crt"))).isEqualTo(ca);

        assertThat(ExamplePki.run(new String[] {out.toString(), "--force"}, quiet, quiet)).isZero();
        assertThat(Files.readString(out.resolve("ca.crt"))).isNotEqualTo(ca);
        assertThat(ExamplePki.run(new String[] {"--bogus"}, quiet, quiet)).isEqualTo(2);
    }

    private static List<String> names() {
        List<String> names = leafNames();
        names.add("ca");
        return names;
    }

    private static List<String> leafNames() {
        List<String> names = new ArrayList<>(network.partnerOinsById().keySet());
        names.add("gateway-tls");
        names.add("gateway-signing");
        return names;
    }

    private static X509Certificate cert(String name) {
        try {
            List<X509Certificate> certificates = PemContent.load(dir.resolve(name + ".crt")).getCertificates();
            assertThat(certificates).as(name).hasSize(1);
            return certificates.get(0);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(String text) {
        StringBuilder hex = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}
