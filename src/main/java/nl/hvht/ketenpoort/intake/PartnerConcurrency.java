package nl.hvht.ketenpoort.intake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import nl.hvht.ketenpoort.cluster.ClusterNodes;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * How many of a partner's requests this node is handling now, against this node's share of the partner's limit: with
 * {@code n} live nodes ({@link ClusterNodes}, 1 in cluster mode local) the limit divided by {@code n}, rounded down and
 * at least 1, so all nodes together never hold more than the limit (or {@code n} when the limit is below it). In
 * memory, no database work per request; a change of the node count applies to the next request. Counters are only made
 * for partner ids that passed authentication, so their number is bounded by the registry.
 */
@Component
class PartnerConcurrency {

    private final IntakeProperties.Concurrency limits;
    private final IntSupplier nodes;
    private final Map<String, AtomicInteger> inUse = new ConcurrentHashMap<>();

    @Autowired
    PartnerConcurrency(IntakeProperties properties, PartnerRegistry registry, ClusterNodes nodes) {
        this(properties.concurrency(), id -> registry.byId(id).isPresent(), nodes::liveNodes);
    }

    PartnerConcurrency(IntakeProperties.Concurrency limits, Predicate<String> knownPartner) {
        this(limits, knownPartner, () -> 1);
    }

    PartnerConcurrency(IntakeProperties.Concurrency limits, Predicate<String> knownPartner, IntSupplier nodes) {
        limits.partners().keySet().stream().filter(knownPartner.negate()).sorted().findFirst().ifPresent(id -> {
            throw new IllegalStateException("ketenpoort.intake.concurrency.partners names an unknown partner id: " + id);
        });
        this.limits = limits;
        this.nodes = nodes;
    }

    /** Takes a permit without waiting; false when the partner has this node's share of requests under way. */
    boolean tryAcquire(String partnerId) {
        int share = Math.max(1, limits.of(partnerId) / Math.max(1, nodes.getAsInt()));
        AtomicInteger count = inUse.computeIfAbsent(partnerId, id -> new AtomicInteger());
        while (true) {
            int now = count.get();
            if (now >= share) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a permit taken by {@link #tryAcquire}. */
    void release(String partnerId) {
        AtomicInteger count = inUse.get(partnerId);
        if (count != null) {
            count.updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    /** Requests of the partner under way now (for tests and metrics). */
    int inUse(String partnerId) {
        AtomicInteger count = inUse.get(partnerId);
        return count == null ? 0 : count.get();
    }
}
