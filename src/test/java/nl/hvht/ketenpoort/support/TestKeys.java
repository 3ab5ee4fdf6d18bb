package nl.hvht.ketenpoort.support;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** RSA certificates (the example PKI issues EC only), self-signed, for encryption tests. */
public final class TestKeys {

    private TestKeys() {
    }

    /**
     * A self-signed RSA certificate with the given key size and keyUsage bits ({@link KeyUsage} constants; 0 for
     * no keyUsage extension).
     */
    public static IssuedCertificate rsa(int bits, int keyUsage) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=rsa-test-" + bits + ", O=Ketenpoort test, C=NL");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic());
            if (keyUsage != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
            return new IssuedCertificate(certificate, keys.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("test RSA certificate could not be made", e);
        }
    }
}
