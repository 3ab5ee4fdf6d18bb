package nl.hvht.ketenpoort.pki;

import nl.hvht.ketenpoort.demo.pki.CertificateProfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

class CertificatesHealthIndicatorTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Duration WARNING = Duration.ofDays(30);
    private static final String GATEWAY_OIN = "00000001900000000000";
    private static final String PARTNER_OIN = "00000001999999999000";

    private static OwnedCertificate gateway(String owner, CertificateProfile profile, Instant notAfter) {
        return new OwnedCertificate(owner, true, TestPki.pki().ca()
                .issue(profile, "Ketenpoort", "HvHT", GATEWAY_OIN, NOW.minus(400, ChronoUnit.DAYS), notAfter)
                .certificate());
    }

    private static OwnedCertificate partner(String id, String oin, Instant notAfter) {
        return new OwnedCertificate(id, false, TestPki.pki().ca()
                .issue(CertificateProfile.TLS, id, "Partner", oin, NOW.minus(400, ChronoUnit.DAYS), notAfter)
                .certificate());
    }

    private static Health evaluate(List<OwnedCertificate> certificates, List<String> unreadable) {
        return CertificatesHealthIndicator.evaluate(new CertificateInventory.Snapshot(certificates, unreadable), NOW, WARNING);
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Health health, String detail) {
        return (List<String>) health.getDetails().get(detail);
    }

    @Test
    void allValidIsUpWithNothingExpiring() {
        Health health = evaluate(List.of(
                gateway("gateway-tls", CertificateProfile.TLS, NOW.plus(365, ChronoUnit.DAYS)),
                gateway("gateway-signing", CertificateProfile.SIGNING, NOW.plus(200, ChronoUnit.DAYS)),
                partner("tactus", PARTNER_OIN, NOW.plus(31, ChronoUnit.DAYS))), List.of());

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(list(health, "expiringSoon")).isEmpty();
        assertThat(list(health, "expired")).isEmpty();
        assertThat(health.getDetails().get("expiryWarningDays")).isEqualTo(30L);
    }

    @Test
    void certificatesWithinTheThresholdAreListedAsExpiringSoonButStayUp() {
        Health health = evaluate(List.of(
                gateway("gateway-tls", CertificateProfile.TLS, NOW.plus(365, ChronoUnit.DAYS)),
                gateway("gateway-signing", CertificateProfile.SIGNING, NOW.plus(10, ChronoUnit.DAYS)),
                partner("tactus", PARTNER_OIN, NOW.plus(30, ChronoUnit.DAYS)),
                partner("trajectum", "00000001999999998000", NOW.plus(30, ChronoUnit.DAYS).plusSeconds(60))), List.of());

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(list(health, "expiringSoon")).containsExactly("gateway-signing", "tactus");
    }

    @Test
    void anExpiredPartnerCertificateIsReportedButTheGatewayStaysUp() {
        Health health = evaluate(List.of(
                gateway("gateway-tls", CertificateProfile.TLS, NOW.plus(365, ChronoUnit.DAYS)),
                gateway("gateway-signing", CertificateProfile.SIGNING, NOW.plus(365, ChronoUnit.DAYS)),
                partner("tactus", PARTNER_OIN, NOW.minus(1, ChronoUnit.DAYS))), List.of());

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(list(health, "expired")).containsExactly("tactus");
        assertThat(list(health, "expiringSoon")).isEmpty();
    }

    @Test
    void anExpiredGatewayCertificateIsDown() {
        Health health = evaluate(List.of(
                gateway("gateway-tls", CertificateProfile.TLS, NOW.minus(1, ChronoUnit.HOURS)),
                gateway("gateway-signing", CertificateProfile.SIGNING, NOW.plus(365, ChronoUnit.DAYS))), List.of());

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(list(health, "expired")).containsExactly("gateway-tls");
    }

    @Test
    void anUnreadableGatewayCertificateIsDown() {
        Health health = evaluate(List.of(
                gateway("gateway-tls", CertificateProfile.TLS, NOW.plus(365, ChronoUnit.DAYS))), List.of("gateway-signing"));

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(list(health, "unreadable")).containsExactly("gateway-signing");
    }

    @Test
    void detailsNameOwnerOinNotAfterAndDaysLeftOnly() {
        Instant notAfter = NOW.plus(Duration.ofDays(12).plusHours(5));
        Health health = evaluate(List.of(partner("tactus", PARTNER_OIN, notAfter)), List.of());

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> certificates = (List<Map<String, Object>>) health.getDetails().get("certificates");
        assertThat(certificates).containsExactly(Map.of(
                "owner", "tactus", "oin", PARTNER_OIN, "notAfter", notAfter.toString(), "daysLeft", 12L));
    }

    @Test
    void daysLeftRoundsDownAndIsNegativeOnceExpired() {
        assertThat(partner("a", PARTNER_OIN, NOW.plus(Duration.ofHours(23))).daysLeft(NOW)).isZero();
        assertThat(partner("a", PARTNER_OIN, NOW.minus(Duration.ofHours(1))).daysLeft(NOW)).isEqualTo(-1);
        assertThat(partner("a", PARTNER_OIN, NOW.plus(Duration.ofDays(30))).daysLeft(NOW)).isEqualTo(30);
    }
}
