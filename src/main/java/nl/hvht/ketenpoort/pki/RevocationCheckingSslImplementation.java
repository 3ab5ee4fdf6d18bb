package nl.hvht.ketenpoort.pki;

import java.security.KeyStore;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.util.Set;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLUtil;
import org.apache.tomcat.util.net.jsse.JSSEImplementation;
import org.apache.tomcat.util.net.jsse.JSSEUtil;

/**
 * Tomcat's JSSE implementation with client-certificate revocation checking
 * ({@link ClientRevocationTrustManager}) for the partner port. Tomcat creates it by class name (protocol
 * attribute {@code sslImplementationName}, set by {@link PartnerPortRevocation}), so the revocation settings
 * reach it through {@link #use(CrlRevocation)}. Being set on the protocol, not on an {@code SSLHostConfig}, it
 * also applies to the host configurations Spring Boot builds when the {@code gateway-tls} bundle reloads.
 * Public only because Tomcat instantiates it reflectively.
 */
public final class RevocationCheckingSslImplementation extends JSSEImplementation {

    private static volatile CrlRevocation revocation;

    /** Called by Tomcat. */
    public RevocationCheckingSslImplementation() {
    }

    static void use(CrlRevocation configured) {
        revocation = configured;
    }

    @Override
    public SSLUtil getSSLUtil(SSLHostConfigCertificate certificate) {
        return new JSSEUtil(certificate) {
            @Override
            public TrustManager[] getTrustManagers() throws Exception {
                TrustManager[] standard = super.getTrustManagers();
                KeyStore trustStore = certificate.getSSLHostConfig().getTruststore();
                if (standard == null || trustStore == null) {
                    return standard;
                }
                CrlRevocation current = revocation;
                if (current == null) {
                    // fail closed: never accept client certificates without the configured checks
                    throw new IllegalStateException("client certificate revocation settings were not set");
                }
                Set<TrustAnchor> anchors = new PKIXParameters(trustStore).getTrustAnchors();
                TrustManager[] checked = new TrustManager[standard.length];
                for (int i = 0; i < standard.length; i++) {
                    checked[i] = standard[i] instanceof X509ExtendedTrustManager x509
                            ? new ClientRevocationTrustManager(x509, anchors, current) : standard[i];
                }
                return checked;
            }
        };
    }
}
