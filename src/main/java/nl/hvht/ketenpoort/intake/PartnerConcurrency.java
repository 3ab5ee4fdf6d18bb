package nl.hvht.ketenpoort.intake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Predicate;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * One {@link Semaphore} per authenticated partner: how many of its requests are being handled now (in memory, per
 * gateway instance). Semaphores are only made for partner ids that passed authentication, so their number is bounded
 * by the registry.
 */
@Component
class PartnerConcurrency {

    private final IntakeProperties.Concurrency limits;
    private final Map<String, Semaphore> permits = new ConcurrentHashMap<>();

    @Autowired
    PartnerConcurrency(IntakeProperties properties, PartnerRegistry registry) {
        this(properties.concurrency(), id -> registry.byId(id).isPresent());
    }

    PartnerConcurrency(IntakeProperties.Concurrency limits, Predicate<String> knownPartner) {
        limits.partners().keySet().stream().filter(knownPartner.negate()).sorted().findFirst().ifPresent(id -> {
            throw new IllegalStateException("ketenpoort.intake.concurrency.partners names an unknown partner id: " + id);
        });
        this.limits = limits;
    }

    /** Takes a permit without waiting; false when the partner has its limit's worth of requests under way. */
    boolean tryAcquire(String partnerId) {
        return permits.computeIfAbsent(partnerId, id -> new Semaphore(limits.of(id))).tryAcquire();
    }

    /** Gives back a permit taken by {@link #tryAcquire}. */
    void release(String partnerId) {
        Semaphore semaphore = permits.get(partnerId);
        if (semaphore != null) {
            semaphore.release();
        }
    }

    /** Requests of the partner under way now (for tests and metrics). */
    int inUse(String partnerId) {
        Semaphore semaphore = permits.get(partnerId);
        return semaphore == null ? 0 : limits.of(partnerId) - semaphore.availablePermits();
    }
}
