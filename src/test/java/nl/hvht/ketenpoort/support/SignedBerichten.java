package nl.hvht.ketenpoort.support;

import java.util.List;
import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * CMS SignedData as a partner would send it, built directly with Bouncy Castle (so tests can also build
 * what a correct signer never would: SHA-1, no signed attributes, detached content).
 */
public final class SignedBerichten {

    private SignedBerichten() {
    }

    /** A signing certificate for a partner (profile SIGNING) from the trusted test CA, with the partner's OIN. */
    public static IssuedCertificate signingCertificate(String partnerId, String oin) {
        return TestPki.pki().ca().issue(CertificateProfile.SIGNING, partnerId + "-ondertekening", partnerId, oin);
    }

    /** SHA-256, signed attributes, content encapsulated, signer certificate included: what a partner should send. */
    public static byte[] sign(IssuedCertificate by, byte[] content) {
        return sign(by, content, "SHA256withECDSA", true, false);
    }

    /**
     * @param algorithm   JCA signature algorithm, e.g. {@code SHA256withECDSA} or {@code SHA1withECDSA}
     * @param encapsulate false gives a detached signature
     * @param direct      true leaves out the signed attributes
     */
    public static byte[] sign(IssuedCertificate by, byte[] content, String algorithm, boolean encapsulate, boolean direct) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setDirectSignature(direct)
                    .build(new JcaContentSignerBuilder(algorithm).build(by.privateKey()), by.certificate()));
            generator.addCertificates(new JcaCertStore(List.of(by.certificate())));
            return generator.generate(new CMSProcessableByteArray(content), encapsulate).getEncoded(ASN1Encoding.DER);
        } catch (Exception e) {
            throw new IllegalStateException("test CMS could not be built", e);
        }
    }
}
