package nl.hvht.ketenpoort.delivery;

import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.jsse.CipherSuitesParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbound side: Camel's {@code https} component presenting the gateway's TLS certificate (Spring Boot
 * SSL bundle {@code gateway-tls}, the same bundle the server uses, including its TLS policy: enabled protocols
 * and cipher suites) with pooled, kept-alive connections and bounded timeouts; and the persistent idempotent
 * repository of completed deliveries.
 */
@Configuration(proxyBeanMethods = false)
class PartnerClientConfig {

    static final String TLS_BUNDLE = "gateway-tls";

    @Bean("https")
    HttpComponent https(SslBundles bundles, DeliveryProperties properties) {
        HttpComponent https = new HttpComponent();
        https.setSslContextParameters(new BundleSslContext(bundles.getBundle(TLS_BUNDLE)));
        https.setConnectTimeout(properties.connectTimeout().toMillis());
        https.setConnectionRequestTimeout(properties.connectTimeout().toMillis());
        https.setResponseTimeout(properties.responseTimeout().toMillis());
        https.setSoTimeout(properties.responseTimeout().toMillis());
        https.setConnectionsPerRoute(20);
        https.setMaxTotalConnections(200);
        https.setFollowRedirects(false);
        https.setRedirectHandlingDisabled(true);
        https.setCookieManagementDisabled(true);
        https.setAutomaticRetriesDisabled(true);
        // Connections authenticated with our client certificate carry that identity as connection state;
        // without this, HttpClient never reuses them and every delivery pays a full TLS handshake.
        https.setConnectionStateDisabled(true);
        return https;
    }

    @Bean(name = "deliveredRepository", initMethod = "start", destroyMethod = "stop")
    JdbcMessageIdRepository deliveredRepository(DataSource dataSource) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, "bezorging");
        repository.setCreateTableIfNotExists(false);
        return repository;
    }

    /**
     * Camel SSL parameters backed by a Spring Boot SSL bundle. {@link SslBundle#createSslContext()} ignores the
     * bundle's options (protocols, ciphers; Spring Boot applies them only on the server side), so they become
     * Camel's protocol and cipher-suite parameters, and the context is wrapped with Camel's own configurers:
     * every socket and engine it creates has exactly the bundle's protocols and suites enabled.
     */
    static final class BundleSslContext extends SSLContextParameters {

        private final SslBundle bundle;

        BundleSslContext(SslBundle bundle) {
            this.bundle = bundle;
            SslOptions options = bundle.getOptions();
            if (options.getEnabledProtocols() != null) {
                SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
                protocols.setSecureSocketProtocol(List.of(options.getEnabledProtocols()));
                setSecureSocketProtocols(protocols);
            }
            if (options.getCiphers() != null) {
                CipherSuitesParameters ciphers = new CipherSuitesParameters();
                ciphers.setCipherSuite(List.of(options.getCiphers()));
                setCipherSuites(ciphers);
            }
        }

        @Override
        public SSLContext createSSLContext(CamelContext camelContext) throws GeneralSecurityException {
            SSLContext context = bundle.createSslContext();
            return new SSLContextDecorator(new SSLContextSpiDecorator(context, getSSLEngineConfigurers(context),
                    getSSLSocketFactoryConfigurers(context), getSSLServerSocketFactoryConfigurers(context)));
        }
    }
}
