package nl.hvht.ketenpoort.intake;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One Bucket4j token bucket per authenticated partner (in memory, per gateway instance). Buckets are only
 * made for partner ids that passed authentication, so their number is bounded by the registry.
 */
@Component
class PartnerRateLimiter {

    private final IntakeProperties.RateLimit limits;
    private final TimeMeter clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    PartnerRateLimiter(IntakeProperties properties, PartnerRegistry registry) {
        this(properties.rateLimit(), id -> registry.byId(id).isPresent(), TimeMeter.SYSTEM_NANOTIME);
    }

    PartnerRateLimiter(IntakeProperties.RateLimit limits, Predicate<String> knownPartner, TimeMeter clock) {
        limits.partners().keySet().stream().filter(knownPartner.negate()).sorted().findFirst().ifPresent(id -> {
            throw new IllegalStateException(
                    "ketenpoort.intake.rate-limit.partners names an unknown partner id: " + id);
        });
        this.limits = limits;
        this.clock = clock;
    }

    /** Takes one request from the partner's bucket: 0 if allowed, else the whole seconds to wait (at least 1). */
    long acquire(String partnerId) {
        ConsumptionProbe probe = buckets.computeIfAbsent(partnerId, this::bucketFor).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        long nanos = probe.getNanosToWaitForRefill();
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    private Bucket bucketFor(String partnerId) {
        IntakeProperties.Limit limit = limits.of(partnerId);
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.burst())
                        .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1))
                        .build())
                .withCustomTimePrecision(clock)
                .build();
    }
}
