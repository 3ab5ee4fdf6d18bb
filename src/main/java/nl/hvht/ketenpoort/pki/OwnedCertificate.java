package nl.hvht.ketenpoort.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import nl.hvht.ketenpoort.partner.CertificateIdentity;

/**
 * A certificate the gateway depends on, with who it belongs to.
 *
 * @param owner       {@code gateway-tls}, {@code gateway-signing} or a partner id
 * @param gateway     whether it is one of the gateway's own certificates (the gateway cannot work once it expires)
 * @param certificate the certificate (public data only; no key material is ever held here)
 */
record OwnedCertificate(String owner, boolean gateway, X509Certificate certificate) {

    static final String GATEWAY_TLS = "gateway-tls";
    static final String GATEWAY_SIGNING = "gateway-signing";

    OwnedCertificate {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(certificate, "certificate");
    }

    Optional<String> oin() {
        return CertificateIdentity.oinOf(certificate);
    }

    Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }

    /** Whole days from {@code now} to notAfter, rounded down; negative once expired. */
    long daysLeft(Instant now) {
        return Math.floorDiv(Duration.between(now, notAfter()).getSeconds(), Duration.ofDays(1).getSeconds());
    }

    boolean expired(Instant now) {
        return !now.isBefore(notAfter());
    }

    boolean expiringWithin(Instant now, Duration warning) {
        return !expired(now) && !now.plus(warning).isBefore(notAfter());
    }
}
