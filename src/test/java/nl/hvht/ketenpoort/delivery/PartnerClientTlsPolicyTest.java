package nl.hvht.ketenpoort.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.TestPki;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;

/** The outbound client honours the SSL bundle's TLS policy (Spring Boot's createSslContext() alone does not). */
class PartnerClientTlsPolicyTest {

    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    private static final String[] CIPHERS = {"TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"};

    private static SslBundle bundle() {
        IssuedCertificate tls = TestPki.pki().partner("hvht");
        PemSslStore keyStore = PemSslStore.of(List.of(tls.certificate(), TestPki.caCertificate()), tls.privateKey());
        PemSslStore trustStore = PemSslStore.of(List.of(TestPki.caCertificate()), null);
        return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore), null, SslOptions.of(CIPHERS, PROTOCOLS));
    }

    @Test
    void socketsAndEnginesOfTheClientContextHaveExactlyTheBundlesProtocolsAndSuites() throws Exception {
        SSLContext context = new PartnerClientConfig.BundleSslContext(bundle()).createSSLContext(new DefaultCamelContext());

        // As HttpClient does: a TLS socket layered over a connected plain socket (no handshake is started here).
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket plain = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
                SSLSocket socket = (SSLSocket) context.getSocketFactory()
                        .createSocket(plain, "localhost", listener.getLocalPort(), true)) {
            assertThat(socket.getEnabledProtocols()).containsExactlyInAnyOrder(PROTOCOLS);
            assertThat(socket.getEnabledCipherSuites()).containsExactlyInAnyOrder(CIPHERS);
        }
        SSLEngine engine = context.createSSLEngine("localhost", 443);
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder(PROTOCOLS);
        assertThat(engine.getEnabledCipherSuites()).containsExactlyInAnyOrder(CIPHERS);
    }

    @Test
    void theJdkDefaultsWouldOfferCbcSuites() throws Exception {
        // Guard that the test above can fail: without the policy a client context offers CBC suites.
        SSLContext plain = bundle().createSslContext();
        try (SSLSocket socket = (SSLSocket) plain.getSocketFactory().createSocket()) {
            assertThat(socket.getEnabledCipherSuites()).anyMatch(suite -> suite.contains("_CBC_"));
        }
    }
}
