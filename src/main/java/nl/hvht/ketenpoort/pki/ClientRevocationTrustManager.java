package nl.hvht.ketenpoort.pki;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner port's trust decision on a client certificate: first the standard JSSE PKIX trust manager of the
 * TLS trust store (chain, validity, key usage; intermediate CAs sent by the client are used to build the path),
 * then revocation of every certificate in the built path by the configured CRLs ({@link CrlRevocation}, files
 * read at every handshake). A revoked certificate, or one whose status is unknown while revocation fails
 * closed, makes the handshake fail. Thread-safe.
 */
final class ClientRevocationTrustManager extends X509ExtendedTrustManager {

    private static final Logger LOG = LoggerFactory.getLogger(ClientRevocationTrustManager.class);

    private final X509ExtendedTrustManager standard;
    private final Set<TrustAnchor> trustAnchors;
    private final CrlRevocation revocation;

    ClientRevocationTrustManager(X509ExtendedTrustManager standard, Set<TrustAnchor> trustAnchors, CrlRevocation revocation) {
        this.standard = standard;
        this.trustAnchors = Set.copyOf(trustAnchors);
        this.revocation = revocation;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        standard.checkClientTrusted(chain, authType, socket);
        checkRevocation(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        standard.checkClientTrusted(chain, authType, engine);
        checkRevocation(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        standard.checkClientTrusted(chain, authType);
        checkRevocation(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        standard.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        standard.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        standard.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return standard.getAcceptedIssuers();
    }

    private void checkRevocation(X509Certificate[] chain) throws CertificateException {
        if (!revocation.enabled()) {
            return;
        }
        X509Certificate leaf = chain[0];
        try {
            revocation.validate(pathOf(chain), trustAnchors);
        } catch (CertPathValidatorException e) {
            String reason = e.getReason() == CertPathValidatorException.BasicReason.REVOKED ? "REVOKED"
                    : e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS
                            ? "REVOCATION_UNKNOWN" : "UNTRUSTED";
            refuse(leaf, reason, e);
        } catch (GeneralSecurityException | RuntimeException e) {
            refuse(leaf, "UNTRUSTED", e);
        }
    }

    /** The path from the leaf to a trust anchor over the certificates the client sent (without revocation). */
    private CertPath pathOf(X509Certificate[] chain) throws GeneralSecurityException {
        X509CertSelector target = new X509CertSelector();
        target.setCertificate(chain[0]);
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, target);
        parameters.setRevocationEnabled(false);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(chain))));
        return ((PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters)).getCertPath();
    }

    private static void refuse(X509Certificate leaf, String reason, Exception cause) throws CertificateException {
        // Organisation certificates only: serial and issuer name identify the certificate, not a person.
        LOG.warn("client certificate refused in the TLS handshake: {} (serial {}, issuer {})", reason,
                leaf.getSerialNumber().toString(16), leaf.getIssuerX500Principal().getName());
        throw new CertificateException("client certificate refused: " + reason, cause);
    }
}
