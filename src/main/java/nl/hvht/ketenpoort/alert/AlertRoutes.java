package nl.hvht.ketenpoort.alert;

import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The evaluation of incidents: a timer every {@code ketenpoort.alert.interval}, and a request at once on a dead letter,
 * both through one queue with one consumer (so evaluations never overlap) that holds at most one waiting request.
 */
@Component
@ConditionalOnProperty(name = "ketenpoort.alert.enabled", havingValue = "true")
class AlertRoutes extends RouteBuilder {

    /** Ask for an evaluation; dropped when one is waiting already. */
    static final String EVALUATE = "seda:alert-evaluate?size=1&discardWhenFull=true";

    private final AlertProperties properties;
    private final Alerts alerts;

    AlertRoutes(AlertProperties properties, Alerts alerts) {
        this.properties = properties;
        this.alerts = alerts;
    }

    @Override
    public void configure() {
        from("timer:alert-timer?delay=5000&period=" + properties.interval().toMillis()).routeId("alert-timer")
                .routeConfigurationId(Steps.ERROR_POLICY)
                .to(EVALUATE);
        from(EVALUATE).routeId("alert-evaluate").routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> alerts.evaluate());
    }
}
