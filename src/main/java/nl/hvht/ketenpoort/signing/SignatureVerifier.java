package nl.hvht.ketenpoort.signing;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.signing.SignatureInvalidException.Reason;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/**
 * Verifies CMS SignedData with encapsulated content: exactly one signer, SHA-2 digests only,
 * signed attributes with content-type and message-digest, a valid signature (Bouncy Castle), and a
 * PKIX path from the included signer certificate to one of the trust anchors (JDK
 * {@link CertPathValidator}; revocation checking is not done yet). Thread-safe.
 */
public final class SignatureVerifier {

    private static final Set<ASN1ObjectIdentifier> DIGESTS = Set.of(
            NISTObjectIdentifiers.id_sha256, NISTObjectIdentifiers.id_sha384, NISTObjectIdentifiers.id_sha512);

    /** Signature algorithms in SignerInfo.signatureAlgorithm; the hash is the (checked) digest algorithm. */
    private static final Set<ASN1ObjectIdentifier> SIGNATURES = Set.of(
            PKCSObjectIdentifiers.rsaEncryption,
            PKCSObjectIdentifiers.sha256WithRSAEncryption, PKCSObjectIdentifiers.sha384WithRSAEncryption,
            PKCSObjectIdentifiers.sha512WithRSAEncryption,
            X9ObjectIdentifiers.id_ecPublicKey,
            X9ObjectIdentifiers.ecdsa_with_SHA256, X9ObjectIdentifiers.ecdsa_with_SHA384,
            X9ObjectIdentifiers.ecdsa_with_SHA512);

    /** keyUsage bits (java.security.cert.X509Certificate#getKeyUsage order). */
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    private final Set<TrustAnchor> trustAnchors;

    /** @param trustAnchors the CA certificates a signer's certificate must chain to (not empty) */
    public SignatureVerifier(Collection<X509Certificate> trustAnchors) {
        if (trustAnchors == null || trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("At least one trust anchor is required");
        }
        this.trustAnchors = trustAnchors.stream().map(ca -> new TrustAnchor(ca, null))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Verifies the signature and the signer and returns the content.
     *
     * @throws SignatureInvalidException with the reason code when anything is wrong
     */
    public VerifiedContent verify(byte[] cmsSignedData) throws SignatureInvalidException {
        CMSSignedData signed = parse(cmsSignedData);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        if (!DIGESTS.contains(signer.getDigestAlgorithmID().getAlgorithm())
                || !SIGNATURES.contains(new ASN1ObjectIdentifier(signer.getEncryptionAlgOID()))) {
            throw new SignatureInvalidException(Reason.WEAK_ALGORITHM);
        }
        AttributeTable attributes = signer.getSignedAttributes();
        if (attributes == null || attributes.get(CMSAttributes.contentType) == null
                || attributes.get(CMSAttributes.messageDigest) == null) {
            throw new SignatureInvalidException(Reason.MISSING_SIGNED_ATTRIBUTES);
        }
        X509CertificateHolder signerHolder = signerCertificate(signed, signer);
        verifySignature(signer, signerHolder);
        X509Certificate signerCertificate = toX509(signerHolder);
        validatePath(signerCertificate, signed);
        return new VerifiedContent((byte[]) signed.getSignedContent().getContent(), signerCertificate);
    }

    private static CMSSignedData parse(byte[] bytes) throws SignatureInvalidException {
        if (bytes == null || bytes.length == 0) {
            throw new SignatureInvalidException(Reason.MALFORMED);
        }
        CMSSignedData signed;
        try {
            signed = new CMSSignedData(bytes);
        } catch (CMSException | RuntimeException e) {
            throw new SignatureInvalidException(Reason.MALFORMED, e);
        }
        if (signed.getSignedContent() == null || !(signed.getSignedContent().getContent() instanceof byte[])
                || signed.getSignerInfos().size() != 1) {
            throw new SignatureInvalidException(Reason.MALFORMED);
        }
        return signed;
    }

    private static X509CertificateHolder signerCertificate(CMSSignedData signed, SignerInformation signer)
            throws SignatureInvalidException {
        Collection<X509CertificateHolder> matches = signed.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            throw new SignatureInvalidException(Reason.SIGNER_CERTIFICATE_MISSING);
        }
        return matches.iterator().next();
    }

    private static void verifySignature(SignerInformation signer, X509CertificateHolder certificate)
            throws SignatureInvalidException {
        boolean valid;
        try {
            valid = signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate));
        } catch (CMSVerifierCertificateNotValidException e) {
            throw new SignatureInvalidException(Reason.UNTRUSTED_SIGNER, e);
        } catch (Exception e) {
            throw new SignatureInvalidException(Reason.SIGNATURE_INVALID, e);
        }
        if (!valid) {
            throw new SignatureInvalidException(Reason.SIGNATURE_INVALID);
        }
    }

    /** Builds the path from the signer over the included certificates, then validates it (PKIX). */
    private void validatePath(X509Certificate signerCertificate, CMSSignedData signed)
            throws SignatureInvalidException {
        boolean[] keyUsage = signerCertificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE] && !keyUsage[NON_REPUDIATION]) {
            throw new SignatureInvalidException(Reason.UNTRUSTED_SIGNER);
        }
        try {
            List<X509Certificate> included = new ArrayList<>();
            for (X509CertificateHolder holder : signed.getCertificates().getMatches(null)) {
                included.add(toX509(holder));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(signerCertificate);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(trustAnchors, target);
            parameters.setRevocationEnabled(false);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(included)));
            CertPath path = ((PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters))
                    .getCertPath();
            CertPathValidator.getInstance("PKIX").validate(path, parameters);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SignatureInvalidException(Reason.UNTRUSTED_SIGNER, e);
        }
    }

    private static X509Certificate toX509(X509CertificateHolder holder) throws SignatureInvalidException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new SignatureInvalidException(Reason.MALFORMED, e);
        }
    }
}
