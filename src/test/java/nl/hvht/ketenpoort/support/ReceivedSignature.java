package nl.hvht.ketenpoort.support;

import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

/**
 * What a receiving partner would do with a delivered message, written independently of the gateway's
 * own verifier: Bouncy Castle signature check with signed attributes, then JDK PKIX path validation of
 * the signer certificate against the example CA. Returns the signed content.
 */
public final class ReceivedSignature {

    private ReceivedSignature() {
    }

    /** The signer certificate carried in the CMS. */
    public static X509Certificate signer(byte[] cms) throws Exception {
        CMSSignedData signed = new CMSSignedData(cms);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        X509CertificateHolder holder = (X509CertificateHolder) signed.getCertificates().getMatches(signer.getSID()).iterator().next();
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    public static byte[] verify(byte[] cms) throws Exception {
        CMSSignedData signed = new CMSSignedData(cms);
        SignerInformation signer = signed.getSignerInfos().getSigners().iterator().next();
        X509Certificate certificate = signer(cms);
        if (signer.getSignedAttributes() == null
                || signer.getSignedAttributes().get(CMSAttributes.contentType) == null
                || signer.getSignedAttributes().get(CMSAttributes.messageDigest) == null) {
            throw new IllegalStateException("signed attributes missing");
        }
        if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(certificate))) {
            throw new IllegalStateException("signature invalid");
        }
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(TestPki.caCertificate(), null)));
        pkix.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate)), pkix);
        return (byte[]) signed.getSignedContent().getContent();
    }
}
