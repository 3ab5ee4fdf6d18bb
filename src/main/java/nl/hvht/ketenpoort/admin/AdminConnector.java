package nl.hvht.ketenpoort.admin;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The admin port: a second Tomcat connector on {@code ketenpoort.admin.address:port}, HTTPS with the gateway's TLS
 * certificate and TLS policy (SSL bundle {@code gateway-tls}, reloaded when the bundle's files change, as on the
 * partner port), but no client certificate. Spring Boot applies a bundle only to the main connector (its
 * customizer is not public), so the same few settings are applied here.
 */
@Component
@ConditionalOnProperty(name = "ketenpoort.admin.enabled", havingValue = "true", matchIfMissing = true)
class AdminConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final String TLS_BUNDLE = "gateway-tls";

    private final AdminProperties properties;
    private final SslBundles bundles;
    private final ServerProperties server;

    AdminConnector(AdminProperties properties, SslBundles bundles, ServerProperties server) {
        this.properties = properties;
        this.bundles = bundles;
        this.server = server;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (server.getPort() != null && server.getPort() == properties.port()) {
            throw new IllegalStateException("ketenpoort.admin.port must differ from server.port (the partner port): both are "
                    + properties.port());
        }
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(properties.port());
        connector.setProperty("address", properties.address());
        connector.setScheme("https");
        connector.setSecure(true);
        AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) connector.getProtocolHandler();
        protocol.setSSLEnabled(true);
        protocol.addSslHostConfig(hostConfig(protocol, bundles.getBundle(TLS_BUNDLE)));
        bundles.addBundleUpdateHandler(TLS_BUNDLE, updated -> protocol.addSslHostConfig(hostConfig(protocol, updated), true));
        factory.addAdditionalTomcatConnectors(connector);
    }

    private static SSLHostConfig hostConfig(AbstractHttp11Protocol<?> protocol, SslBundle bundle) {
        SSLHostConfig config = new SSLHostConfig();
        config.setHostName(protocol.getDefaultSSLHostConfigName());
        config.setCertificateVerification("none");
        config.setSslProtocol(bundle.getProtocol());
        SslOptions options = bundle.getOptions();
        if (options.getEnabledProtocols() != null) {
            config.setProtocols(StringUtils.arrayToDelimitedString(options.getEnabledProtocols(), "+"));
        }
        if (options.getCiphers() != null) {
            config.setCiphers(StringUtils.arrayToCommaDelimitedString(options.getCiphers()));
        }
        SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(config, SSLHostConfigCertificate.Type.UNDEFINED);
        String storePassword = bundle.getStores().getKeyStorePassword();
        certificate.setCertificateKeystorePassword(storePassword != null ? storePassword : "");
        if (bundle.getKey().getPassword() != null) {
            certificate.setCertificateKeyPassword(bundle.getKey().getPassword());
        }
        if (bundle.getKey().getAlias() != null) {
            certificate.setCertificateKeyAlias(bundle.getKey().getAlias());
        }
        certificate.setCertificateKeystore(bundle.getStores().getKeyStore());
        config.addCertificate(certificate);
        return config;
    }
}
