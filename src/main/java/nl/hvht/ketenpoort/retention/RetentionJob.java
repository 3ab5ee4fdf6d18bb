package nl.hvht.ketenpoort.retention;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import nl.hvht.ketenpoort.alert.ResolvedIncidents;
import nl.hvht.ketenpoort.delivery.SettledBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One retention run: removes the content of settled messages older than the configured days, batch by batch, and
 * forgets resolved incidents older than that.
 */
@Component
class RetentionJob {

    private static final Logger LOG = LoggerFactory.getLogger(RetentionJob.class);
    /** Batches per run at most, so one run never holds on for long; the next run continues. */
    private static final int MAX_BATCHES = 1000;

    private final SettledBodies bodies;
    private final ResolvedIncidents incidents;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionJob(SettledBodies bodies, ResolvedIncidents incidents, RetentionProperties properties, Clock clock) {
        this.bodies = bodies;
        this.incidents = incidents;
        this.properties = properties;
        this.clock = clock;
    }

    /** Returns how many messages lost their content. */
    public int run() {
        Instant before = clock.instant().minus(Duration.ofDays(properties.contentDays()));
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int removed = bodies.removeBatch(before, properties.batchSize());
            total += removed;
            if (removed < properties.batchSize()) {
                break;
            }
        }
        // The bookkeeping that would otherwise grow without bound: incidents resolved long ago. Audit and consent log are
        // kept (at least audit-jaren).
        int resolved = incidents.removeResolvedBefore(before);
        LOG.info("retention: content of {} settled message(s) older than {} days removed; {} resolved incident(s) forgotten",
                total, properties.contentDays(), resolved);
        return total;
    }
}
