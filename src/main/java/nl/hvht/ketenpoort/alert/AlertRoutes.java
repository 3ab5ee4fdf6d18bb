package nl.hvht.ketenpoort.alert;

import java.time.Duration;
import nl.hvht.ketenpoort.cluster.ClusterLock;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The evaluation of incidents: a timer every {@code ketenpoort.alert.interval}, and a request at once on a dead letter,
 * both through one queue with one consumer (so evaluations never overlap on a node) that holds at most one waiting
 * request. Across nodes the lock {@code alert-evaluate} ({@link ClusterLock}) makes evaluations one at a time too, so
 * an incident is notified once, as with one node (a node that finds the lock taken skips; the holder sees the same
 * ledger). Before that every node hands its failure streaks to the database ({@link ConsecutiveFailures#flush}).
 */
@Component
@ConditionalOnProperty(name = "ketenpoort.alert.enabled", havingValue = "true")
class AlertRoutes extends RouteBuilder {

    /** Ask for an evaluation; dropped when one is waiting already. */
    static final String EVALUATE = "seda:alert-evaluate?size=1&discardWhenFull=true";
    static final String LOCK = "alert-evaluate";
    /** Longer than an evaluation with its mail and webhook timeouts; a node that dies in one frees the lock after it. */
    private static final Duration AT_MOST = Duration.ofMinutes(5);

    private final AlertProperties properties;
    private final Alerts alerts;
    private final ConsecutiveFailures failures;
    private final ClusterLock lock;

    AlertRoutes(AlertProperties properties, Alerts alerts, ConsecutiveFailures failures, ClusterLock lock) {
        this.properties = properties;
        this.alerts = alerts;
        this.failures = failures;
        this.lock = lock;
    }

    @Override
    public void configure() {
        from("timer:alert-timer?delay=5000&period=" + properties.interval().toMillis()).routeId("alert-timer")
                .routeConfigurationId(Steps.ERROR_POLICY)
                .to(EVALUATE);
        from(EVALUATE).routeId("alert-evaluate").routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> {
                    failures.flush();
                    lock.runAlone(LOCK, Duration.ZERO, AT_MOST, alerts::evaluate);
                });
    }
}
