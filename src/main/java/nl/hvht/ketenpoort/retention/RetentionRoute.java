package nl.hvht.ketenpoort.retention;

import java.time.Duration;
import nl.hvht.ketenpoort.cluster.ClusterLock;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The retention run on a timer ({@code ketenpoort.retention.period}, default daily; first run a minute after start), on
 * one node at a time: the lock {@code retention} ({@link ClusterLock}) is kept for half the period (at most that or an
 * hour, if longer, when its node dies in a run), so with several nodes about one of them runs it per period.
 */
@Component
@ConditionalOnProperty(name = "ketenpoort.retention.enabled", havingValue = "true", matchIfMissing = true)
class RetentionRoute extends RouteBuilder {

    static final String LOCK = "retention";
    /** Longer than any run takes (at most MAX_BATCHES batches); a node that dies in a run frees the lock after it. */
    private static final Duration LONGEST_RUN = Duration.ofHours(1);

    private final RetentionProperties properties;
    private final RetentionJob job;
    private final ClusterLock lock;

    RetentionRoute(RetentionProperties properties, RetentionJob job, ClusterLock lock) {
        this.properties = properties;
        this.job = job;
        this.lock = lock;
    }

    @Override
    public void configure() {
        Duration atLeast = properties.period().dividedBy(2);
        Duration atMost = atLeast.compareTo(LONGEST_RUN) > 0 ? atLeast : LONGEST_RUN;
        from("timer:retention?delay=60000&period=" + properties.period().toMillis()).routeId("retention")
                .routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> lock.runAlone(LOCK, atLeast, atMost, job::run));
    }
}
