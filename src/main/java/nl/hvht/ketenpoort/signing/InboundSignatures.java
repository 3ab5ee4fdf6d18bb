package nl.hvht.ketenpoort.signing;

import nl.hvht.ketenpoort.pki.CrlRevocation;

import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import nl.hvht.ketenpoort.pki.PkiProperties;
import nl.hvht.ketenpoort.signing.SignatureInvalidException.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Verifies the CMS signature on a message a partner sent: everything {@link SignatureVerifier} checks
 * (trust anchors: the CA in {@code ${ketenpoort.pki.dir}/ca.crt} plus configured extra anchors; revocation
 * by the configured CRLs) and that the signer's OIN is the authenticated sender's OIN. Anchors are read
 * once at start-up; an unreadable anchor stops start-up.
 */
@Component
public class InboundSignatures {

    private static final Logger LOG = LoggerFactory.getLogger(InboundSignatures.class);

    private final SignatureVerifier verifier;

    @Autowired
    InboundSignatures(PkiProperties pki, InboundSignatureProperties properties) {
        this(trustAnchors(pki, properties), CrlRevocation.fromFiles(properties.crlFiles(), properties.revocationSoftFail()));
    }

    InboundSignatures(Collection<X509Certificate> trustAnchors, CrlRevocation revocation) {
        this.verifier = new SignatureVerifier(trustAnchors, revocation);
        LOG.info("inbound signatures: {} trust anchor(s), {}", trustAnchors.size(), revocation);
        if (revocation.failsClosedWithoutCrls()) {
            LOG.warn("no CRL files configured (ketenpoort.signing.inbound.crl-files) and no soft-fail: every signed message"
                    + " is refused with REVOCATION_UNKNOWN until one CRL per issuing CA is configured");
        }
    }

    /**
     * Verifies the signed message and returns the content that was signed: the only bytes to process.
     *
     * @param cmsSignedData the request body (CMS SignedData, DER or BER, content encapsulated)
     * @param senderOin     the OIN of the partner the client certificate identified
     * @throws SignatureInvalidException with the reason code when anything is wrong
     */
    public VerifiedContent verify(byte[] cmsSignedData, String senderOin) throws SignatureInvalidException {
        VerifiedContent verified = verifier.verify(cmsSignedData);
        boolean sameOrganisation = CertificateIdentity.oinOf(verified.signerCertificate())
                .map(oin -> oin.equals(senderOin)).orElse(false);
        if (!sameOrganisation) {
            throw new SignatureInvalidException(Reason.SIGNER_MISMATCH);
        }
        return verified;
    }

    private static List<X509Certificate> trustAnchors(PkiProperties pki, InboundSignatureProperties properties) {
        List<X509Certificate> anchors = new ArrayList<>(read(new FileSystemResource(pki.dir().resolve("ca.crt"))));
        for (Resource extra : properties.trustAnchors()) {
            anchors.addAll(read(extra));
        }
        return anchors;
    }

    private static List<X509Certificate> read(Resource resource) {
        try (InputStream in = resource.getInputStream()) {
            List<X509Certificate> certificates = PemContent.load(in).getCertificates();
            if (certificates == null || certificates.isEmpty()) {
                throw new IllegalStateException("no certificate in file");
            }
            return certificates;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("ketenpoort.signing.inbound: trust anchor " + resource.getDescription()
                    + " cannot be read as PEM certificates", e);
        }
    }
}
