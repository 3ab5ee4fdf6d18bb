package nl.hvht.ketenpoort.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocket;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.TestPki;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;

/**
 * Replacing the gateway's TLS certificate files takes effect without restart, on the partner port and for
 * outbound deliveries (same bundle {@code gateway-tls}). The new certificate comes from the same test CA with
 * the gateway's OIN, and the original files are put back at the end, so the other tests (one shared context
 * and PKI directory) are not affected.
 */
class TlsReloadIT extends GatewayTestSupport {

    @Autowired
    private ProducerTemplate producer;

    @Autowired
    private PartnerRegistry partners;

    @Test
    void newGatewayTlsFilesAreUsedByThePartnerPortAndByOutboundClients() throws Exception {
        Path certFile = TestPki.cert("gateway-tls");
        Path keyFile = TestPki.key("gateway-tls");
        String originalCert = Files.readString(certFile);
        String originalKey = Files.readString(keyFile);
        BigInteger originalSerial = TestPki.pki().gatewayTls().certificate().getSerialNumber();
        IssuedCertificate renewed = TestPki.pki().ca().issue(CertificateProfile.TLS, "ketenpoort-gateway",
                "Ketenpoort", partners.gatewayOin());
        AtomicReference<BigInteger> seenByPartner = new AtomicReference<>();
        HttpsServer partner = partnerServer(seenByPartner);
        String url = "https://localhost:" + partner.getAddress().getPort() + "/ontvangst";
        try {
            assertThat(serverSerial()).isEqualTo(originalSerial);
            producer.requestBody(url, "ping", String.class);
            assertThat(seenByPartner.get()).isEqualTo(originalSerial);

            Files.writeString(keyFile, TestPki.pem(renewed.privateKey()));
            Files.writeString(certFile, TestPki.pem(renewed.certificate(), TestPki.caCertificate()));

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> serverSerial().equals(renewed.certificate().getSerialNumber()));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).until(() -> {
                producer.requestBody(url, "ping", String.class);
                return renewed.certificate().getSerialNumber().equals(seenByPartner.get());
            });
        } finally {
            Files.writeString(keyFile, originalKey);
            Files.writeString(certFile, originalCert);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> serverSerial().equals(originalSerial));
            partner.stop(0);
        }
    }

    /** Serial of the certificate the partner port presents in a new handshake (fresh context, no resumption). */
    private BigInteger serverSerial() throws IOException {
        var identity = TestPki.pki().partner("tactus");
        PemSslStore keyStore = PemSslStore.of(List.of(identity.certificate(), TestPki.caCertificate()), identity.privateKey());
        PemSslStore trustStore = PemSslStore.of(List.of(TestPki.caCertificate()), null);
        var context = SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
            socket.startHandshake();
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    /** A partner endpoint requiring a client certificate of the test CA; remembers the last client serial. */
    private static HttpsServer partnerServer(AtomicReference<BigInteger> seen) throws IOException {
        var identity = TestPki.pki().partner("transfore");
        PemSslStore keyStore = PemSslStore.of(List.of(identity.certificate(), TestPki.caCertificate()), identity.privateKey());
        PemSslStore trustStore = PemSslStore.of(List.of(TestPki.caCertificate()), null);
        var context = SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                parameters.setNeedClientAuth(true);
            }
        });
        server.createContext("/ontvangst", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                seen.set(((X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                        .getSerialNumber());
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        return server;
    }
}
