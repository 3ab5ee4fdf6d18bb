package nl.hvht.ketenpoort.retention;

import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** The retention run on a timer ({@code ketenpoort.retention.period}, default daily; first run a minute after start). */
@Component
@ConditionalOnProperty(name = "ketenpoort.retention.enabled", havingValue = "true", matchIfMissing = true)
class RetentionRoute extends RouteBuilder {

    private final RetentionProperties properties;
    private final RetentionJob job;

    RetentionRoute(RetentionProperties properties, RetentionJob job) {
        this.properties = properties;
        this.job = job;
    }

    @Override
    public void configure() {
        from("timer:retention?delay=60000&period=" + properties.period().toMillis()).routeId("retention")
                .routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> job.run());
    }
}
