package nl.hvht.ketenpoort.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;

class PartnerCertificateReloaderTest {

    private static final String GATEWAY_OIN = "00000001900000000000";
    private static final String HVHT_OIN = "00000001900000001000";
    private static final String ENSCHEDE_OIN = "00000001900000008000";

    @TempDir
    Path dir;

    @Test
    void aValidReplacementIsRegisteredAndAnythingElseLeavesTheRegisteredCertificate() throws Exception {
        Path file = dir.resolve("hvht.crt");
        Files.copy(TestPki.cert("hvht"), file);
        PartnerRegistry registry = new PartnerRegistry(new PartnerProperties(GATEWAY_OIN, List.of(new PartnerProperties.Entry(
                "hvht", "HvHT", HVHT_OIN, PartnerSoort.DJI, URI.create("https://localhost/hvht"), new FileSystemResource(file)))));
        PartnerCertificateReloader reloader = new PartnerCertificateReloader(registry,
                new PartnerProperties(GATEWAY_OIN, List.of(registry.entries().iterator().next())));
        var registered = registry.byId("hvht").orElseThrow().certificate();

        assertThat(reloader.check()).as("unchanged file").isZero();

        Files.writeString(file, TestPki.pem(TestPki.pki().ca().issue(CertificateProfile.TLS, "x", "x", ENSCHEDE_OIN).certificate()));
        assertThat(reloader.check()).as("another OIN").isZero();
        Files.writeString(file, "geen certificaat");
        assertThat(reloader.check()).as("unreadable").isZero();
        Instant now = Instant.now();
        Files.writeString(file, TestPki.pem(TestPki.pki().ca().issue(CertificateProfile.TLS, "hvht", "hvht", HVHT_OIN,
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))).certificate()));
        assertThat(reloader.check()).as("expired").isZero();
        assertThat(registry.byId("hvht").orElseThrow().certificate()).isEqualTo(registered);

        IssuedCertificate renewed = TestPki.intermediate().issue(CertificateProfile.TLS, "hvht", "hvht", HVHT_OIN);
        Files.writeString(file, TestPki.pem(renewed.certificate()));
        assertThat(reloader.check()).isEqualTo(1);
        assertThat(registry.byId("hvht").orElseThrow().certificate()).isEqualTo(renewed.certificate());
        assertThat(registry.byOin(HVHT_OIN).orElseThrow().certificate()).isEqualTo(renewed.certificate());
        assertThat(reloader.check()).as("no change since").isZero();
    }
}
