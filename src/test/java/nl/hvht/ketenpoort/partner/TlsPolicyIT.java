package nl.hvht.ketenpoort.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.TestPki;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;

/**
 * The TLS policy of the partner port: TLS 1.2 minimum, 1.3 preferred, forward-secret AEAD suites only
 * (spring.ssl.bundle.pem.gateway-tls.options).
 */
class TlsPolicyIT extends GatewayTestSupport {

    private static final List<String> ALLOWED_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    @Autowired
    private ServletWebServerApplicationContext server;

    /** Handshakes as partner tactus (valid client certificate) offering only the given protocols and suites. */
    private String handshake(String[] protocols, String[] suites) throws IOException {
        try (SSLSocket socket = (SSLSocket) TestPki.clientContext("tactus").getSocketFactory().createSocket("localhost", port)) {
            if (protocols != null) {
                socket.setEnabledProtocols(protocols);
            }
            if (suites != null) {
                socket.setEnabledCipherSuites(suites);
            }
            socket.startHandshake();
            return socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite();
        }
    }

    @Test
    void tls13IsNegotiatedByDefault() throws IOException {
        String negotiated = handshake(null, null);
        assertThat(negotiated).startsWith("TLSv1.3 ");
        assertThat(ALLOWED_SUITES).contains(negotiated.substring("TLSv1.3 ".length()));
    }

    @Test
    void tls12WithAnEcdheGcmSuiteIsAccepted() throws IOException {
        assertThat(handshake(new String[] {"TLSv1.2"}, new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}))
                .isEqualTo("TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void aClientOfferingOnlyCbcSuitesIsRefused() {
        // The JDK client offers these CBC suites by default; only the gateway's policy refuses them.
        assertThatThrownBy(() -> handshake(new String[] {"TLSv1.2"}, new String[] {
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"}))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void aClientOfferingOnlyTls11IsRefused() {
        // The JDK disables TLS 1.1 on both ends (jdk.tls.disabledAlgorithms) as well; the connector
        // assertion below shows the gateway itself never enables it.
        assertThatThrownBy(() -> handshake(new String[] {"TLSv1.1"}, null))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void thePartnerConnectorEnablesExactlyTheConfiguredProtocolsAndSuites() {
        TomcatWebServer tomcat = (TomcatWebServer) server.getWebServer();
        Connector connector = Arrays.stream(tomcat.getTomcat().getService().findConnectors())
                .filter(c -> c.getLocalPort() == port).findFirst().orElseThrow();
        SSLHostConfig ssl = connector.findSslHostConfigs()[0];

        assertThat(ssl.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(ssl.getEnabledCiphers()).isNotEmpty().allSatisfy(suite -> assertThat(ALLOWED_SUITES).contains(suite));
    }
}
