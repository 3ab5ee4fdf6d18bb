package nl.hvht.ketenpoort.pki;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code certificates}: every certificate the gateway depends on (owner, OIN, notAfter, days
 * left; never key material). DOWN when a gateway certificate (TLS or signing) has expired or cannot be read;
 * otherwise UP, with {@code expiringSoon} naming the owners whose certificate ends within
 * {@code ketenpoort.pki.expiry-warning} and {@code expired} naming partners whose certificate has ended.
 * Spring Boot's own {@code ssl} component covers the SSL bundle chains as well.
 */
@Component
class CertificatesHealthIndicator implements HealthIndicator {

    private final CertificateInventory inventory;
    private final PkiProperties properties;
    private final Clock clock;

    CertificatesHealthIndicator(CertificateInventory inventory, PkiProperties properties, Clock clock) {
        this.inventory = inventory;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public Health health() {
        return evaluate(inventory.current(), clock.instant(), properties.expiryWarning());
    }

    static Health evaluate(CertificateInventory.Snapshot snapshot, Instant now, Duration warning) {
        List<Map<String, Object>> certificates = snapshot.certificates().stream().map(c -> describe(c, now)).toList();
        List<String> expiringSoon = snapshot.certificates().stream()
                .filter(c -> c.expiringWithin(now, warning)).map(OwnedCertificate::owner).toList();
        List<String> expired = snapshot.certificates().stream()
                .filter(c -> c.expired(now)).map(OwnedCertificate::owner).toList();
        boolean gatewayBroken = !snapshot.unreadable().isEmpty()
                || snapshot.certificates().stream().anyMatch(c -> c.gateway() && c.expired(now));
        Health.Builder health = gatewayBroken ? Health.down() : Health.up();
        return health
                .withDetail("expiryWarningDays", warning.toDays())
                .withDetail("expiringSoon", expiringSoon)
                .withDetail("expired", expired)
                .withDetail("unreadable", snapshot.unreadable())
                .withDetail("certificates", certificates)
                .build();
    }

    private static Map<String, Object> describe(OwnedCertificate certificate, Instant now) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("owner", certificate.owner());
        details.put("oin", certificate.oin().orElse(null));
        details.put("notAfter", certificate.notAfter().toString());
        details.put("daysLeft", certificate.daysLeft(now));
        return details;
    }
}
