package nl.hvht.ketenpoort.delivery;

import javax.sql.DataSource;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The outbound side: Camel's {@code https} component presenting the gateway's TLS certificate (Spring Boot
 * SSL bundle {@code gateway-tls}, the same bundle the server uses) with pooled, kept-alive connections and
 * bounded timeouts; and the persistent idempotent repository of completed deliveries.
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

    /** Camel SSL parameters backed by a Spring Boot SSL bundle. */
    static final class BundleSslContext extends SSLContextParameters {

        private final SslBundle bundle;

        BundleSslContext(SslBundle bundle) {
            this.bundle = bundle;
        }

        @Override
        public SSLContext createSSLContext(CamelContext camelContext) {
            return bundle.createSslContext();
        }
    }
}
