package nl.hvht.ketenpoort.signing;

import nl.hvht.ketenpoort.pki.CrlRevocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.signing.SignatureInvalidException.Reason;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
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
 * Verifies CMS SignedData with encapsulated content (type id-data), one DER/BER structure and nothing after it: exactly one signer, SHA-2 digests only,
 * signed attributes with content-type and message-digest, a valid signature (Bouncy Castle), a signer
 * certificate meant for signing ({@link SigningKeyUsage}), and a PKIX path from the included signer
 * certificate to one of the trust anchors (JDK {@link CertPathValidator}) with revocation by CRL as
 * configured ({@link CrlRevocation}). Thread-safe.
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

    private final Set<TrustAnchor> trustAnchors;
    private final CrlRevocation revocation;

    /**
     * A verifier that does not check revocation (e.g. for the gateway's own signatures).
     *
     * @param trustAnchors the CA certificates a signer's certificate must chain to (not empty)
     */
    public SignatureVerifier(Collection<X509Certificate> trustAnchors) {
        this(trustAnchors, CrlRevocation.notChecked());
    }

    /**
     * @param trustAnchors the CA certificates a signer's certificate must chain to (not empty)
     * @param revocation   how the revocation of the signer's path is checked
     */
    public SignatureVerifier(Collection<X509Certificate> trustAnchors, CrlRevocation revocation) {
        if (trustAnchors == null || trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("At least one trust anchor is required");
        }
        this.trustAnchors = trustAnchors.stream().map(ca -> new TrustAnchor(ca, null))
                .collect(Collectors.toUnmodifiableSet());
        this.revocation = Objects.requireNonNull(revocation, "revocation");
    }

    /**
     * Verifies the signature and the signer and returns the content.
     *
     * @throws SignatureInvalidException with the reason code when anything is wrong
     */
    public VerifiedContent verify(byte[] cmsSignedData) throws SignatureInvalidException {
        try {
            return verifyStructure(cmsSignedData);
        } catch (RuntimeException e) {
            // Bouncy Castle decodes lazily (signer infos, names, attributes): a malformed structure can surface
            // as a RuntimeException from any accessor, not only from the CMSSignedData constructor
            // (found by SignatureVerifierFuzzTest).
            throw new SignatureInvalidException(Reason.MALFORMED, e);
        }
    }

    private VerifiedContent verifyStructure(byte[] cmsSignedData) throws SignatureInvalidException {
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
            signed = new CMSSignedData(soleStructure(bytes));
        } catch (CMSException | IOException | RuntimeException e) {
            throw new SignatureInvalidException(Reason.MALFORMED, e);
        }
        if (signed.getSignedContent() == null || !(signed.getSignedContent().getContent() instanceof byte[])
                || !CMSObjectIdentifiers.data.getId().equals(signed.getSignedContentTypeOID())
                || signed.getSignerInfos().size() != 1) {
            throw new SignatureInvalidException(Reason.MALFORMED);
        }
        return signed;
    }

    /**
     * The one ASN.1 structure that must be the whole input: bytes after it (a second, unsigned message appended to a
     * signed one) make the input MALFORMED instead of being ignored.
     */
    private static ContentInfo soleStructure(byte[] bytes) throws IOException, SignatureInvalidException {
        ByteArrayInputStream remaining = new ByteArrayInputStream(bytes);
        ASN1Primitive structure;
        try (ASN1InputStream in = new ASN1InputStream(remaining, bytes.length)) {
            structure = in.readObject();
        }
        if (structure == null || remaining.available() != 0) {
            throw new SignatureInvalidException(Reason.MALFORMED);
        }
        return ContentInfo.getInstance(structure);
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

    /**
     * Checks the signer certificate's purpose, builds its path over the included certificates (without
     * revocation), then validates that path (PKIX) with revocation checking.
     */
    private void validatePath(X509Certificate signerCertificate, CMSSignedData signed)
            throws SignatureInvalidException {
        if (!SigningKeyUsage.permitsSigning(signerCertificate)) {
            throw new SignatureInvalidException(Reason.NOT_A_SIGNING_CERTIFICATE);
        }
        CertPath path;
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
            path = ((PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters)).getCertPath();
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SignatureInvalidException(Reason.UNTRUSTED_SIGNER, e);
        }
        try {
            CertPathValidator validator = CertPathValidator.getInstance("PKIX");
            PKIXParameters parameters = new PKIXParameters(trustAnchors);
            revocation.configure(parameters, validator);
            validator.validate(path, parameters);
        } catch (CertPathValidatorException e) {
            throw new SignatureInvalidException(reasonOf(e), e);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SignatureInvalidException(Reason.UNTRUSTED_SIGNER, e);
        }
    }

    private static Reason reasonOf(CertPathValidatorException e) {
        if (e.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
            return Reason.SIGNER_REVOKED;
        }
        if (e.getReason() == CertPathValidatorException.BasicReason.UNDETERMINED_REVOCATION_STATUS) {
            return Reason.REVOCATION_UNKNOWN;
        }
        return Reason.UNTRUSTED_SIGNER;
    }

    private static X509Certificate toX509(X509CertificateHolder holder) throws SignatureInvalidException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (GeneralSecurityException e) {
            throw new SignatureInvalidException(Reason.MALFORMED, e);
        }
    }
}
