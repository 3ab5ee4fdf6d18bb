package nl.hvht.ketenpoort.delivery;

import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.http.HttpEndpoint;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.util.TimeValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.camel.component.http.HttpComponent;
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
 * and cipher suites) with pooled, kept-alive connections and bounded timeouts.
 */
@Configuration(proxyBeanMethods = false)
class PartnerClientConfig {

    static final String TLS_BUNDLE = "gateway-tls";
    private static final Logger LOG = LoggerFactory.getLogger(PartnerClientConfig.class);

    @Bean("https")
    HttpComponent https(SslBundles bundles, DeliveryProperties properties) {
        HttpComponent https = new HttpComponent();
        BundleSslContext ssl = new BundleSslContext(bundles.getBundle(TLS_BUNDLE));
        https.setSslContextParameters(ssl);
        // Replaced certificate files (spring.ssl.bundle...reload-on-update): new connections present the new
        // client certificate; idle pooled connections (made with the old one) are closed.
        bundles.addBundleUpdateHandler(TLS_BUNDLE, updated -> {
            ssl.update(updated);
            closeIdleConnections(https);
        });
        https.setConnectTimeout(properties.connectTimeout().toMillis());
        https.setConnectionRequestTimeout(properties.connectTimeout().toMillis());
        https.setResponseTimeout(properties.responseTimeout().toMillis());
        https.setSoTimeout(properties.responseTimeout().toMillis());
        // Every POST of a delivery batch has its own kept-alive connection: a recipient's workers post whole batches at once.
        https.setConnectionsPerRoute(Math.min(properties.maxConcurrentPosts(), properties.consumersPerRecipient() * properties.batchSize()));
        https.setMaxTotalConnections(properties.maxConcurrentPosts());
        https.setFollowRedirects(false);
        https.setRedirectHandlingDisabled(true);
        https.setCookieManagementDisabled(true);
        https.setAutomaticRetriesDisabled(true);
        // Connections authenticated with our client certificate carry that identity as connection state;
        // without this, HttpClient never reuses them and every delivery pays a full TLS handshake.
        https.setConnectionStateDisabled(true);
        return https;
    }

    /** Closes the idle pooled connections of every endpoint of the component; leased ones finish their exchange. */
    static void closeIdleConnections(HttpComponent https) {
        if (https.getCamelContext() == null) {
            return;
        }
        for (Endpoint endpoint : https.getCamelContext().getEndpoints()) {
            if (endpoint instanceof HttpEndpoint http && http.getComponent() == https
                    && http.getClientConnectionManager() instanceof PoolingHttpClientConnectionManager pool) {
                pool.closeIdle(TimeValue.ZERO_MILLISECONDS);
            }
        }
        LOG.info("TLS bundle {} reloaded: outbound deliveries use the new client certificate", TLS_BUNDLE);
    }

    /**
     * Camel SSL parameters backed by a Spring Boot SSL bundle. {@link SslBundle#createSslContext()} ignores the
     * bundle's options (protocols, ciphers; Spring Boot applies them only on the server side), so they become
     * Camel's protocol and cipher-suite parameters, and the context is wrapped with Camel's own configurers:
     * every socket and engine it creates has exactly the bundle's protocols and suites enabled. The context it
     * creates follows {@link #update bundle updates}: each new socket or engine comes from the current bundle's
     * context (HttpClient keeps the socket factory it was built with, so the factory itself must delegate).
     */
    static final class BundleSslContext extends SSLContextParameters {

        private volatile SslBundle bundle;
        private volatile SSLContext current;

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

        /** From now on new connections use this bundle (the same protocols and suites: only stores change). */
        void update(SslBundle updated) {
            this.bundle = updated;
            this.current = null;
        }

        @Override
        public SSLContext createSSLContext(CamelContext camelContext) throws GeneralSecurityException {
            current();
            return new ReloadingSslContext(this::currentUnchecked);
        }

        /** The decorated context of the current bundle, created once per bundle. */
        SSLContext current() throws GeneralSecurityException {
            SSLContext context = current;
            if (context == null) {
                synchronized (this) {
                    context = current;
                    if (context == null) {
                        SSLContext plain = bundle.createSslContext();
                        context = new SSLContextDecorator(new SSLContextSpiDecorator(plain, getSSLEngineConfigurers(plain),
                                getSSLSocketFactoryConfigurers(plain), getSSLServerSocketFactoryConfigurers(plain)));
                        current = context;
                    }
                }
            }
            return context;
        }

        private SSLContext currentUnchecked() {
            try {
                return current();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS bundle " + TLS_BUNDLE + " gives no SSL context", e);
            }
        }
    }
}
