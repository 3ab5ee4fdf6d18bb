package nl.hvht.ketenpoort.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import nl.hvht.ketenpoort.demo.pki.CertificateAuthority;
import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

class PartnerDetailsServiceTest {

    private static final String GATEWAY_OIN = "00000001900000000000";
    private static final String HVHT_OIN = "00000001900000001000";

    private final PartnerDetailsService partners = new PartnerDetailsService(new PartnerRegistry(new PartnerProperties(GATEWAY_OIN,
            List.of(new PartnerProperties.Entry("hvht", "HvHT", HVHT_OIN, PartnerSoort.DJI, URI.create("https://localhost/hvht"),
                    new FileSystemResource(TestPki.cert("hvht")))))));

    @Test
    void findsThePartnerByOinAndIssuer() {
        var certificate = TestPki.pki().ca().issue(CertificateProfile.TLS, "HvHT tweede certificaat", "HvHT", HVHT_OIN).certificate();

        PartnerPrincipal principal = (PartnerPrincipal) partners.loadUserByUsername(PartnerDetailsService.keyOf(certificate));

        assertThat(principal.id()).isEqualTo("hvht");
        assertThat(principal.getAuthorities()).extracting(Object::toString).contains(PartnerPrincipal.ROLE_CONSENT_REGISTRAR);
    }

    @Test
    void refusesAPartnersOinFromAnotherIssuer() {
        CertificateAuthority other = CertificateAuthority.create("Andere CA", "Elders", 1);
        var certificate = other.issue(CertificateProfile.TLS, "HvHT", "HvHT", HVHT_OIN).certificate();

        assertThatThrownBy(() -> partners.loadUserByUsername(PartnerDetailsService.keyOf(certificate)))
                .isInstanceOf(UsernameNotFoundException.class);
    }

    @Test
    void refusesAnUnknownOinAndACertificateWithoutOin() {
        var unknown = TestPki.pki().ca().issue(CertificateProfile.TLS, "Onbekend", "Onbekend", "00000001999999999000").certificate();

        assertThatThrownBy(() -> partners.loadUserByUsername(PartnerDetailsService.keyOf(unknown)))
                .isInstanceOf(UsernameNotFoundException.class);
        assertThatThrownBy(() -> partners.loadUserByUsername(""))
                .isInstanceOf(UsernameNotFoundException.class);
    }
}
