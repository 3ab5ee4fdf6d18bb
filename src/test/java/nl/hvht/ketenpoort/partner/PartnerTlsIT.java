package nl.hvht.ketenpoort.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import nl.hvht.ketenpoort.demo.pki.CertificateAuthority;
import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;

/**
 * Client certificates on the partner port beyond trust and expiry: revocation by the configured CRLs in the
 * handshake (failing closed without a current CRL), partner certificates under an intermediate CA, and a
 * replaced partner certificate file taking effect without restart.
 */
class PartnerTlsIT extends GatewayTestSupport {

    /** OIN of tactus in partners-example.yml. */
    private static final String TACTUS_OIN = "00000001900000003000";
    /** OIN of justact in partners-example.yml; no other test connects as justact. */
    private static final String JUSTACT_OIN = "00000001900000021000";

    @Autowired
    private PartnerRegistry registry;

    @Test
    void aRevokedClientCertificateFailsTheHandshakeAndANonRevokedOneIsAccepted() throws Exception {
        IssuedCertificate revoked = TestPki.pki().ca().issue(CertificateProfile.TLS, "tactus", "tactus", TACTUS_OIN);
        IssuedCertificate valid = TestPki.pki().ca().issue(CertificateProfile.TLS, "tactus", "tactus", TACTUS_OIN);
        assertThat(statusOf(context(revoked, TestPki.caCertificate()))).as("before revocation").isEqualTo(404);
        try {
            TestPki.writeCrl(List.of(revoked.certificate()));

            assertThatThrownBy(() -> statusOf(context(revoked, TestPki.caCertificate()))).isInstanceOf(IOException.class);
            assertThat(statusOf(context(valid, TestPki.caCertificate()))).as("not on the CRL").isEqualTo(404);
        } finally {
            TestPki.writeCrl(List.of());
        }
        assertThat(statusOf(context(revoked, TestPki.caCertificate()))).as("CRL without it").isEqualTo(404);
    }

    @Test
    void aClientCertificateWithoutACurrentCrlOfItsIssuerFailsTheHandshake() {
        // A trusted intermediate whose CRL is not among the configured files: revocation status unknown, fail closed.
        CertificateAuthority unlisted = TestPki.pki().ca().issueIntermediate("Tussen-CA zonder CRL", "Ketenpoort voorbeeld", 1);
        IssuedCertificate client = unlisted.issue(CertificateProfile.TLS, "tactus", "tactus", TACTUS_OIN);

        assertThatThrownBy(() -> statusOf(context(client, unlisted.certificate()))).isInstanceOf(IOException.class);
    }

    @Test
    void aPartnerCertificateUnderAnIntermediateCaIsAcceptedWithItsChainAndARevokedIntermediateIsNot() throws Exception {
        CertificateAuthority intermediate = TestPki.intermediate();
        IssuedCertificate justact = intermediate.issue(CertificateProfile.TLS, "justact", "JusTact", JUSTACT_OIN);
        Path file = TestPki.cert("justact");
        String original = Files.readString(file);
        X509Certificate registered = registry.byId("justact").orElseThrow().certificate();
        try {
            // Trusted chain, but justact's registered certificate comes from the root CA: other issuer, unknown sender.
            assertThat(statusOf(context(justact, intermediate.certificate()))).isEqualTo(403);

            // justact's new certificate is registered: the file is replaced, no restart.
            Files.writeString(file, TestPki.pem(justact.certificate()));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> registry.byId("justact").orElseThrow().certificate().equals(justact.certificate()));

            assertThat(statusOf(context(justact, intermediate.certificate()))).as("leaf and intermediate sent").isEqualTo(404);
            assertThatThrownBy(() -> statusOf(context(justact))).as("leaf without its intermediate")
                    .isInstanceOf(IOException.class);
            // The old root-issued certificate no longer identifies justact (issuer differs from the registered one).
            assertThat(statusOf(context(TestPki.pki().partner("justact"), TestPki.caCertificate()))).isEqualTo(403);

            try {
                TestPki.writeCrl(List.of(intermediate.certificate()));
                assertThatThrownBy(() -> statusOf(context(justact, intermediate.certificate())))
                        .as("intermediate revoked by the root").isInstanceOf(IOException.class);
            } finally {
                TestPki.writeCrl(List.of());
            }
            try {
                TestPki.writeIntermediateCrl(List.of(justact.certificate()));
                assertThatThrownBy(() -> statusOf(context(justact, intermediate.certificate())))
                        .as("leaf revoked by the intermediate").isInstanceOf(IOException.class);
            } finally {
                TestPki.writeIntermediateCrl(List.of());
            }
        } finally {
            Files.writeString(file, original);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> registry.byId("justact").orElseThrow().certificate().equals(registered));
        }
    }

    @Test
    void aReplacedCertificateFileWithAnotherOinIsRefusedAndTheRegisteredOneStays() throws Exception {
        Path file = TestPki.cert("justact");
        String original = Files.readString(file);
        X509Certificate registered = registry.byId("justact").orElseThrow().certificate();
        IssuedCertificate otherOin = TestPki.pki().ca().issue(CertificateProfile.TLS, "justact", "JusTact", TACTUS_OIN);
        IssuedCertificate good = TestPki.pki().ca().issue(CertificateProfile.TLS, "justact", "JusTact", JUSTACT_OIN);
        try {
            Files.writeString(file, TestPki.pem(otherOin.certificate()));
            // checked every 500 ms (test configuration): several checks see it and leave the registered one
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> registry.byId("justact").orElseThrow().certificate().equals(registered));
            Files.writeString(file, "geen certificaat");
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> registry.byId("justact").orElseThrow().certificate().equals(registered));
            Files.writeString(file, TestPki.pem(good.certificate()));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> registry.byId("justact").orElseThrow().certificate().equals(good.certificate()));
            assertThat(registry.byOin(TACTUS_OIN).orElseThrow().id()).isEqualTo("tactus");
        } finally {
            Files.writeString(file, original);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> registry.byId("justact").orElseThrow().certificate().equals(registered));
        }
    }

    /** Status of a GET of an unknown message id: 404 once authenticated as a partner, 403 for an unknown sender. */
    private int statusOf(SSLContext context) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(api("/api/v1/berichten/" + UUID.randomUUID()))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.statusCode();
    }

    /** A fresh context (no session to resume) trusting the test CA, presenting {@code identity} with {@code chain}. */
    private static SSLContext context(IssuedCertificate identity, X509Certificate... chain) {
        List<X509Certificate> certificates = new ArrayList<>();
        certificates.add(identity.certificate());
        certificates.addAll(List.of(chain));
        PemSslStore keyStore = PemSslStore.of(certificates, identity.privateKey());
        PemSslStore trustStore = PemSslStore.of(List.of(TestPki.caCertificate()), null);
        return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
    }
}
