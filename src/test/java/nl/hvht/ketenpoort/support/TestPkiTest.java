package nl.hvht.ketenpoort.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;

/** The test PKI's PKCS12 stores and client context complete a mutual-TLS handshake with host name checks. */
class TestPkiTest {

    @Test
    void partnerKeyStoreServesMutualTlsToClientContext() throws Exception {
        String password = TestPki.storePassword();
        SSLContext serverContext = SslBundle.of(new JksSslStoreBundle(
                        new JksSslStoreDetails("PKCS12", null, TestPki.partnerKeyStore("transfore").toUri().toString(), password),
                        new JksSslStoreDetails("PKCS12", null, TestPki.trustStore().toUri().toString(), password)),
                SslBundleKey.of(password)).createSslContext();

        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            CompletableFuture<X509Certificate> clientSeenByServer = CompletableFuture.supplyAsync(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                    return (X509Certificate) accepted.getSession().getPeerCertificates()[0];
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) TestPki.clientContext("hvht").getSocketFactory()
                    .createSocket("localhost", server.getLocalPort())) {
                SSLParameters parameters = client.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(parameters);
                client.startHandshake();
                X509Certificate serverCert = (X509Certificate) client.getSession().getPeerCertificates()[0];
                assertThat(serverCert).isEqualTo(TestPki.pki().partner("transfore").certificate());
                assertThat(CertificateIdentity.oinOf(serverCert)).contains("00000001900000019000");
            }
            assertThat(CertificateIdentity.oinOf(clientSeenByServer.get(10, TimeUnit.SECONDS)))
                    .contains("00000001900000001000");
        }
    }
}
