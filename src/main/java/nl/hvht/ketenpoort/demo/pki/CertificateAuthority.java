package nl.hvht.ketenpoort.demo.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Objects;

/**
 * A throw-away certificate authority with an EC P-256 key, held in memory. Used for the example
 * PKI and by tests that need extra certificates (a second, untrusted CA; an expired leaf; a leaf
 * with another OIN) or a CRL (a revoked leaf).
 */
public final class CertificateAuthority {

    /** Leaf certificates start this long before "now" so clock skew does not make them not-yet-valid. */
    static final Duration BACKDATE = Duration.ofHours(1);

    private final IssuedCertificate self;

    private CertificateAuthority(IssuedCertificate self) {
        this.self = self;
    }

    /**
     * A new self-signed CA: {@code CN=<commonName>, O=<organisation>, C=NL}, basicConstraints CA:true
     * and keyUsage keyCertSign|cRLSign (both critical), subject key identifier.
     */
    public static CertificateAuthority create(String commonName, String organisation, int validYears) {
        KeyPair keys = KeyPairs.ecP256();
        Instant notBefore = Instant.now().minus(BACKDATE);
        X509Certificate certificate = CertificateBuilder.selfSignedCa(
                CertificateBuilder.name(commonName, organisation, null), keys.getPublic(), keys.getPrivate(),
                notBefore, plusYears(notBefore, validYears));
        return new CertificateAuthority(new IssuedCertificate(certificate, keys.getPrivate()));
    }

    /**
     * A new intermediate CA {@code CN=<commonName>, O=<organisation>, C=NL} issued by this CA (EC P-256,
     * CA:true with path length 0, keyCertSign|cRLSign), valid for {@code validYears} from one hour ago; it
     * issues leaves and CRLs like any CA. Its chain is {@code [intermediate, this CA]}.
     */
    public CertificateAuthority issueIntermediate(String commonName, String organisation, int validYears) {
        KeyPair keys = KeyPairs.ecP256();
        Instant notBefore = Instant.now().minus(BACKDATE);
        X509Certificate certificate = CertificateBuilder.intermediateCa(self.certificate(), self.privateKey(),
                CertificateBuilder.name(commonName, organisation, null), keys.getPublic(), notBefore,
                plusYears(notBefore, validYears));
        return new CertificateAuthority(new IssuedCertificate(certificate, keys.getPrivate()));
    }

    /**
     * Issues a leaf {@code CN=<commonName>, O=<organisation>, serialNumber=<oin>, C=NL} with a new
     * EC P-256 key, valid for 2 years from one hour ago.
     */
    public IssuedCertificate issue(CertificateProfile profile, String commonName, String organisation, String oin) {
        Instant notBefore = Instant.now().minus(BACKDATE);
        return issue(profile, commonName, organisation, oin, notBefore, plusYears(notBefore, 2));
    }

    /** As {@link #issue(CertificateProfile, String, String, String)} with an explicit validity period. */
    public IssuedCertificate issue(CertificateProfile profile, String commonName, String organisation, String oin,
            Instant notBefore, Instant notAfter) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(oin, "oin");
        KeyPair keys = KeyPairs.ecP256();
        X509Certificate certificate = CertificateBuilder.leaf(self.certificate(), self.privateKey(), profile,
                CertificateBuilder.name(commonName, organisation, oin), keys.getPublic(), notBefore, notAfter);
        return new IssuedCertificate(certificate, keys.getPrivate());
    }

    /**
     * A CRL signed by this CA that lists the given certificates (issued by this CA) as revoked for key
     * compromise; thisUpdate is one hour ago, CRL number is the current time in milliseconds.
     */
    public X509CRL issueCrl(Collection<X509Certificate> revoked, Instant nextUpdate) {
        Objects.requireNonNull(revoked, "revoked");
        Objects.requireNonNull(nextUpdate, "nextUpdate");
        Instant thisUpdate = Instant.now().minus(BACKDATE);
        return CrlBuilder.crl(self, revoked, BigInteger.valueOf(System.currentTimeMillis()), thisUpdate, nextUpdate);
    }

    /** The CA certificate (the trust anchor). */
    public X509Certificate certificate() {
        return self.certificate();
    }

    /** The CA certificate with its private key. */
    public IssuedCertificate credentials() {
        return self;
    }

    private static Instant plusYears(Instant start, int years) {
        return start.atOffset(ZoneOffset.UTC).plusYears(years).toInstant();
    }

    @Override
    public String toString() {
        return "CertificateAuthority[" + self.certificate().getSubjectX500Principal().getName() + "]";
    }
}
