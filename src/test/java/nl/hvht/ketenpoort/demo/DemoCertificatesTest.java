package nl.hvht.ketenpoort.demo;

import nl.hvht.ketenpoort.pki.CrlRevocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.demo.pki.ExamplePki;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.signing.SignatureInvalidException;
import nl.hvht.ketenpoort.signing.SignatureVerifier;
import nl.hvht.ketenpoort.support.SignedBerichten;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The demo run's PKI: a newcomer's signed message verifies against the demo's own configuration (a CRL of the example
 * CA is written and configured), while a start without CRL files still refuses every signature unless soft-fail is set.
 */
class DemoCertificatesTest {

    private static final String HVHT_OIN = "00000001900000001000";

    @TempDir
    Path dir;

    @Test
    void theDemoWritesAndConfiguresACrlSoASignedMessageIsAccepted() throws Exception {
        StandardEnvironment environment = demoEnvironment(Map.of());

        new DemoCertificates(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

        Path crl = dir.resolve(ExamplePki.CRL_FILE);
        assertThat(crl).exists();
        assertThat(ExamplePki.crlDue(dir)).as("a fresh CRL is not due").isFalse();
        assertThat(environment.getProperty(DemoCertificates.CRL_FILES)).isEqualTo(crl.toString());
        assertThat(dir.resolve("hvht-signing.crt")).exists();

        byte[] content = "<bericht>ondertekend</bericht>".getBytes(StandardCharsets.UTF_8);
        byte[] signed = SignedBerichten.sign(signer("hvht"), content);
        SignatureVerifier asConfigured = new SignatureVerifier(List.of(caCertificate()),
                CrlRevocation.fromFiles(List.of(crl), false));
        assertThat(asConfigured.verify(signed).content()).isEqualTo(content);
    }

    @Test
    void withoutCrlFilesASignatureIsStillRefusedUnlessSoftFailIsSetExplicitly() throws Exception {
        new DemoCertificates(new DeferredLogs()).postProcessEnvironment(demoEnvironment(Map.of()), new SpringApplication());
        byte[] signed = SignedBerichten.sign(signer("hvht"), "<bericht/>".getBytes(StandardCharsets.UTF_8));

        SignatureVerifier production = new SignatureVerifier(List.of(caCertificate()), CrlRevocation.fromFiles(List.of(), false));
        assertThatThrownBy(() -> production.verify(signed)).isInstanceOfSatisfying(SignatureInvalidException.class,
                e -> assertThat(e.reason()).isEqualTo(SignatureInvalidException.Reason.REVOCATION_UNKNOWN));

        SignatureVerifier softFail = new SignatureVerifier(List.of(caCertificate()), CrlRevocation.fromFiles(List.of(), true));
        assertThat(softFail.verify(signed).content()).isNotEmpty();
    }

    @Test
    void explicitlyConfiguredCrlFilesAreLeftAlone() {
        StandardEnvironment environment = demoEnvironment(Map.of(DemoCertificates.CRL_FILES, "/etc/ketenpoort/ca.crl"));

        new DemoCertificates(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(DemoCertificates.CRL_FILES)).isEqualTo("/etc/ketenpoort/ca.crl");
    }

    @Test
    void aCrlPastHalfItsValidityIsRenewed() throws Exception {
        new DemoCertificates(new DeferredLogs()).postProcessEnvironment(demoEnvironment(Map.of()), new SpringApplication());
        Files.writeString(dir.resolve(ExamplePki.CRL_FILE), "geen CRL");
        assertThat(ExamplePki.crlDue(dir)).isTrue();

        new DemoCrl(new nl.hvht.ketenpoort.pki.PkiProperties(dir, java.time.Duration.ofDays(30), java.time.Duration.ZERO)).refresh();

        assertThat(ExamplePki.crlDue(dir)).isFalse();
    }

    @Test
    void productionGeneratesNothingAndConfiguresNoCrl() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", Map.of(
                "ketenpoort.demo.generate-certs", "false", "ketenpoort.pki.dir", dir.toString())));

        new DemoCertificates(new DeferredLogs()).postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty(DemoCertificates.CRL_FILES)).isNull();
        assertThat(dir.resolve(ExamplePki.CRL_FILE)).doesNotExist();
    }

    private StandardEnvironment demoEnvironment(Map<String, Object> extra) {
        Map<String, Object> properties = new java.util.HashMap<>(Map.of(
                "ketenpoort.demo.generate-certs", "true",
                "ketenpoort.pki.dir", dir.toString(),
                "ketenpoort.partners.gateway-oin", "00000001900000000000",
                "ketenpoort.partners.netwerk[0].id", "hvht",
                "ketenpoort.partners.netwerk[0].oin", HVHT_OIN));
        properties.putAll(extra);
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private X509Certificate caCertificate() throws Exception {
        return PemContent.load(dir.resolve("ca.crt")).getCertificates().get(0);
    }

    private IssuedCertificate signer(String partnerId) throws Exception {
        Path base = dir.resolve(partnerId + ExamplePki.SIGNING_SUFFIX + ".crt");
        return new IssuedCertificate(PemContent.load(base).getCertificates().get(0),
                PemContent.load(dir.resolve(partnerId + ExamplePki.SIGNING_SUFFIX + ".key")).getPrivateKey());
    }
}
