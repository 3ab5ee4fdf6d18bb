package nl.hvht.ketenpoort.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Certificates about to expire (or expired), from the health component {@code certificates} (package {@code pki}:
 * the gateway's TLS and signing certificates and every partner's; warning horizon {@code ketenpoort.pki.expiry-warning}).
 * Public data only: owner, not-after, days left.
 */
@Component
class ExpiringCertificates {

    /** One certificate that needs attention. */
    record Certificaat(String eigenaar, Instant nietNa, long dagenOver, boolean verlopen) {
    }

    private final ObjectProvider<HealthContributorRegistry> registry;

    ExpiringCertificates(ObjectProvider<HealthContributorRegistry> registry) {
        this.registry = registry;
    }

    /** Certificates ending within the warning horizon or already ended, soonest first; unreadable ones as -1 days. */
    List<Certificaat> soon() {
        HealthContributorRegistry contributors = registry.getIfAvailable();
        HealthContributor contributor = contributors == null ? null : contributors.getContributor("certificates");
        if (!(contributor instanceof HealthIndicator indicator)) {
            return List.of();
        }
        Map<String, Object> details = indicator.health().getDetails();
        Collection<?> soon = (Collection<?>) details.getOrDefault("expiringSoon", List.of());
        Collection<?> expired = (Collection<?>) details.getOrDefault("expired", List.of());
        List<Certificaat> result = new ArrayList<>();
        for (Object item : (Collection<?>) details.getOrDefault("certificates", List.of())) {
            Map<?, ?> certificate = (Map<?, ?>) item;
            Object owner = certificate.get("owner");
            if (soon.contains(owner) || expired.contains(owner)) {
                result.add(new Certificaat(String.valueOf(owner), Instant.parse(String.valueOf(certificate.get("notAfter"))),
                        ((Number) certificate.get("daysLeft")).longValue(), expired.contains(owner)));
            }
        }
        for (Object owner : (Collection<?>) details.getOrDefault("unreadable", List.of())) {
            result.add(new Certificaat(String.valueOf(owner), null, -1, true));
        }
        result.sort(java.util.Comparator.comparingLong(Certificaat::dagenOver));
        return result;
    }
}
