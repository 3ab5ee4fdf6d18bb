package nl.hvht.ketenpoort.intake;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import nl.hvht.ketenpoort.cluster.ClusterNodes;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One Bucket4j token bucket per authenticated partner, in memory on this node, holding this node's share of the
 * partner's limit: with {@code n} live nodes ({@link ClusterNodes}, 1 in cluster mode local) it refills
 * {@code requests-per-second} per {@code n} seconds and holds {@code burst / n} (rounded up), so all nodes together
 * allow the configured rate when the balancer spreads a partner's connections over them, and never more. When the
 * node count changes the buckets take the new share, keeping their fill in proportion. No database work per request.
 * Buckets are only made for partner ids that passed authentication, so their number is bounded by the registry.
 */
@Component
class PartnerRateLimiter {

    private final IntakeProperties.RateLimit limits;
    private final TimeMeter clock;
    private final IntSupplier nodes;
    private final Map<String, Share> buckets = new ConcurrentHashMap<>();

    @Autowired
    PartnerRateLimiter(IntakeProperties properties, PartnerRegistry registry, ClusterNodes nodes) {
        this(properties.rateLimit(), id -> registry.byId(id).isPresent(), TimeMeter.SYSTEM_NANOTIME, nodes::liveNodes);
    }

    PartnerRateLimiter(IntakeProperties.RateLimit limits, Predicate<String> knownPartner, TimeMeter clock) {
        this(limits, knownPartner, clock, () -> 1);
    }

    PartnerRateLimiter(IntakeProperties.RateLimit limits, Predicate<String> knownPartner, TimeMeter clock, IntSupplier nodes) {
        limits.partners().keySet().stream().filter(knownPartner.negate()).sorted().findFirst().ifPresent(id -> {
            throw new IllegalStateException(
                    "ketenpoort.intake.rate-limit.partners names an unknown partner id: " + id);
        });
        this.limits = limits;
        this.clock = clock;
        this.nodes = nodes;
    }

    /** Takes one request from the partner's bucket: 0 if allowed, else the whole seconds to wait (at least 1). */
    long acquire(String partnerId) {
        int n = Math.max(1, nodes.getAsInt());
        Share share = buckets.computeIfAbsent(partnerId, id -> new Share(n, bucket(id, n)));
        if (share.nodes() != n) {
            share = buckets.compute(partnerId, (id, old) -> {
                if (old.nodes() == n) {
                    return old;
                }
                old.bucket().replaceConfiguration(configuration(id, n), TokensInheritanceStrategy.PROPORTIONALLY);
                return new Share(n, old.bucket());
            });
        }
        ConsumptionProbe probe = share.bucket().tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        long nanos = probe.getNanosToWaitForRefill();
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    private Bucket bucket(String partnerId, int n) {
        return Bucket.builder()
                .addLimit(bandwidth(partnerId, n))
                .withCustomTimePrecision(clock)
                .build();
    }

    private BucketConfiguration configuration(String partnerId, int n) {
        return BucketConfiguration.builder().addLimit(bandwidth(partnerId, n)).build();
    }

    /** This node's share: the rate over n seconds, the burst divided by n (rounded up). */
    private Bandwidth bandwidth(String partnerId, int n) {
        IntakeProperties.Limit limit = limits.of(partnerId);
        return Bandwidth.builder()
                .capacity(Math.max(1, (limit.burst() + n - 1) / n))
                .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(n))
                .build();
    }

    /** A bucket and the node count it was sized for. */
    private record Share(int nodes, Bucket bucket) {
    }
}
