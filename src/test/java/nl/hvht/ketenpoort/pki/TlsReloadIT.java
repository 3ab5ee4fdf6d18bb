package nl.hvht.ketenpoort.pki;

import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLServerSocket;
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
        Partner partner = partnerServer(seenByPartner);
        String url = "https://localhost:" + partner.port() + "/ontvangst";
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
            partner.stop();
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

    /**
     * A partner endpoint requiring a client certificate of the test CA: answers every request with 200 and
     * {@code Connection: close}, and remembers the serial of the last client certificate.
     */
    private static Partner partnerServer(AtomicReference<BigInteger> seen) throws IOException {
        var identity = TestPki.pki().partner("transfore");
        PemSslStore keyStore = PemSslStore.of(List.of(identity.certificate(), TestPki.caCertificate()), identity.privateKey());
        PemSslStore trustStore = PemSslStore.of(List.of(TestPki.caCertificate()), null);
        var context = SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
        SSLServerSocket listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setNeedClientAuth(true);
        Thread thread = new Thread(() -> {
            while (!listener.isClosed()) {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.startHandshake();
                    seen.set(((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber());
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        // request line and headers; the body is not needed
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                } catch (IOException e) {
                    // a failed handshake or a closed listener: next connection (or done)
                }
            }
        }, "test-partner");
        thread.setDaemon(true);
        thread.start();
        return new Partner(listener);
    }

    private record Partner(SSLServerSocket listener) {
        int port() {
            return listener.getLocalPort();
        }

        void stop() throws IOException {
            listener.close();
        }
    }
}
