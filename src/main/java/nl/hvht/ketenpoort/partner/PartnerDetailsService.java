package nl.hvht.ketenpoort.partner;

import java.security.cert.X509Certificate;
import javax.security.auth.x500.X500Principal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Maps an authenticated client certificate to a partner (or to the gateway itself) by OIN and issuer, as
 * PKIoverheid identifies organisations: the OIN in the subject serialNumber must be a registry partner's, and
 * the certificate must come from the same issuing CA as that partner's registered certificate. A certificate
 * with a partner's OIN from another (also trusted) CA is refused. With intermediate CAs "issuing CA" is the
 * direct issuer (the intermediate) of both certificates, compared by name; the TLS handshake has already
 * validated the presented chain up to a trust anchor, including revocation (pki.PartnerPortRevocation).
 */
@Component
class PartnerDetailsService implements UserDetailsService {

    private static final char SEPARATOR = '\n';

    private final PartnerRegistry registry;

    PartnerDetailsService(PartnerRegistry registry) {
        this.registry = registry;
    }

    /** The key Spring Security passes to {@link #loadUserByUsername}: OIN and issuer of the certificate. */
    static String keyOf(X509Certificate certificate) {
        return CertificateIdentity.oinOf(certificate)
                .map(oin -> oin + SEPARATOR + certificate.getIssuerX500Principal().getName(X500Principal.RFC2253))
                .orElse("");
    }

    @Override
    public UserDetails loadUserByUsername(String key) {
        int separator = key.indexOf(SEPARATOR);
        if (separator < 0) {
            throw new UsernameNotFoundException("certificate without OIN");
        }
        String oin = key.substring(0, separator);
        X500Principal issuer = new X500Principal(key.substring(separator + 1));
        if (registry.gatewayOin().equals(oin)) {
            return PartnerPrincipal.gateway();
        }
        return registry.byOin(oin)
                .filter(partner -> partner.certificate().getIssuerX500Principal().equals(issuer))
                .map(PartnerPrincipal::of)
                .orElseThrow(() -> new UsernameNotFoundException("no partner with this OIN and issuer"));
    }
}
