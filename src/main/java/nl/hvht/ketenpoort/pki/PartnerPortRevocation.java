package nl.hvht.ketenpoort.pki;

import org.apache.coyote.http11.AbstractHttp11JsseProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Revocation of client certificates on the partner port (the main connector, mutual TLS), in the handshake:
 * the same CRL files and soft-fail setting as inbound signatures ({@code ketenpoort.signing.inbound.crl-files},
 * {@code .revocation-soft-fail}). With CRL files configured, a client certificate listed on a current CRL of its
 * issuer, or one without a current CRL from its issuer (unless soft-fail), fails the handshake. Without CRL
 * files, client certificates are not checked for revocation (a warning at start-up).
 */
@Component
class PartnerPortRevocation implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerPortRevocation.class);

    private final CrlRevocation revocation;

    PartnerPortRevocation(RevocationSettings properties) {
        this.revocation = properties.crlFiles().isEmpty() ? CrlRevocation.notChecked()
                : CrlRevocation.fromFiles(properties.crlFiles(), properties.revocationSoftFail());
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        if (!revocation.enabled()) {
            LOG.warn("no CRL files configured (ketenpoort.signing.inbound.crl-files): client certificates on the "
                    + "partner port are not checked for revocation");
        } else {
            LOG.info("partner port client certificates: revocation by {}", revocation);
        }
        RevocationCheckingSslImplementation.use(revocation);
        factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11JsseProtocol<?> protocol) {
                protocol.setSslImplementationName(RevocationCheckingSslImplementation.class.getName());
            }
        });
    }
}
