package nl.hvht.ketenpoort.pki;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Gauge {@code ketenpoort.certificate.days.left} per certificate the gateway depends on, tagged {@code owner}
 * ({@code gateway-tls}, {@code gateway-signing} or a partner id) and {@code oin}. The value is read from the
 * current certificate at each scrape (a replaced gateway certificate shows at once); NaN while it cannot be read.
 */
@Component
class CertificateMetrics implements MeterBinder {

    static final String METRIC = "ketenpoort.certificate.days.left";

    private final CertificateInventory inventory;
    private final Clock clock;

    CertificateMetrics(CertificateInventory inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (OwnedCertificate certificate : inventory.current().certificates()) {
            String owner = certificate.owner();
            Gauge.builder(METRIC, inventory, inv -> inv.of(owner)
                            .map(c -> (double) c.daysLeft(clock.instant()))
                            .orElse(Double.NaN))
                    .description("Whole days until the certificate's notAfter (negative once expired)")
                    .tag("owner", owner)
                    .tag("oin", certificate.oin().orElse("none"))
                    .register(registry);
        }
    }
}
