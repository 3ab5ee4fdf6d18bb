package nl.hvht.ketenpoort.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Signs outgoing messages as CMS SignedData (DER) with the gateway signing key: content
 * encapsulated, SHA-256 with ECDSA or RSA, Bouncy Castle's default signed attributes (content-type,
 * message-digest, signing-time, CMS algorithm protection), signer certificate and chain included.
 * The key is loaded and checked once at start-up. Thread-safe: the stateful JCA signature object is
 * created per call; the signed attributes' generator of the current second is an immutable record published through
 * a volatile field (two threads at a second's turn may both build it); everything else is immutable.
 *
 * <p>The signing-time attribute is built once per second and given to Bouncy Castle's default generator, which then
 * adds the other attributes as always: the attribute holds whole seconds (UTCTime), and building it (BC formats the
 * date and parses it back) cost about a sixth of a signature.
 *
 * <p>The message digest of the content comes from the JDK's own SHA-256 (the default providers), which runs on the
 * processor's SHA instructions where there are any; Bouncy Castle's digest is Java code, and hashing a copy of a few
 * kilobytes cost about a fifth of a signature with it. The signature itself stays Bouncy Castle's (below).
 */
@Component
class CmsBerichtSigner implements BerichtSigner {

    /**
     * Bouncy Castle's EC implementation (fixed-point multiplication for the generator) signs several times
     * faster than the JDK's constant-time SunEC code, which dominated intake CPU. Not registered globally.
     */
    private static final Provider BC = new BouncyCastleProvider();

    private final SigningCredentials credentials;
    private final PrivateKey signingKey;
    private final X509CertificateHolder signerCertificate;
    private final Store<X509CertificateHolder> certificates;
    private final DigestCalculatorProvider digests;
    /** The signed attributes' generator of the current second. */
    private volatile SigningSecond signingSecond = new SigningSecond(Long.MIN_VALUE, null);

    @Autowired
    CmsBerichtSigner(SigningProperties properties) {
        this(SigningCredentials.load(properties));
    }

    CmsBerichtSigner(SigningCredentials credentials) {
        this.credentials = credentials;
        this.signingKey = asBouncyCastleKey(credentials.privateKey());
        try {
            this.signerCertificate = new JcaX509CertificateHolder(credentials.certificate());
            this.certificates = new JcaCertStore(credentials.chain());
            this.digests = new JcaDigestCalculatorProviderBuilder().build(); // the JDK's SHA-256: see the class note
        } catch (CertificateEncodingException | OperatorCreationException e) {
            throw new IllegalStateException("Signing certificate chain could not be prepared for CMS", e);
        }
    }

    /**
     * The key as Bouncy Castle's own key object, converted once: with a JDK key object BC rebuilds the curve
     * per signature and loses its precomputed multiples of the generator, which made signing slow.
     */
    private static PrivateKey asBouncyCastleKey(PrivateKey key) {
        try {
            return KeyFactory.getInstance(key.getAlgorithm(), BC).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing key could not be prepared (" + key.getAlgorithm() + ")", e);
        }
    }

    @Override
    public byte[] sign(byte[] content) {
        try {
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(digests)
                    .setSignedAttributeGenerator(signedAttributes(System.currentTimeMillis()))
                    .build(new JcaContentSignerBuilder(credentials.signatureAlgorithm()).setProvider(BC).build(signingKey),
                            signerCertificate));
            generator.addCertificates(certificates);
            return generator.generate(new CMSProcessableByteArray(content), true).getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CMSException e) {
            throw new IllegalStateException("CMS signing failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("CMS encoding failed", e);
        }
    }

    /**
     * BC's default signed attributes with the signing time of the second {@code millis} falls in, as BC itself would
     * write it ({@link Time} of that moment: UTCTime, or GeneralizedTime outside 1950-2049).
     */
    CMSAttributeTableGenerator signedAttributes(long millis) {
        long second = Math.floorDiv(millis, 1000L);
        SigningSecond current = signingSecond;
        if (current.second() != second) {
            Attribute signingTime = new Attribute(CMSAttributes.signingTime, new DERSet(new Time(new Date(second * 1000L))));
            current = new SigningSecond(second, new DefaultSignedAttributeTableGenerator(new AttributeTable(signingTime)));
            signingSecond = current;
        }
        return current.generator();
    }

    private record SigningSecond(long second, CMSAttributeTableGenerator generator) {
    }
}
