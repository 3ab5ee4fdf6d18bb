package nl.hvht.ketenpoort.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The pipeline order, readable in one place. The body is a {@link Dispatch}; each step is a route owned
 * by its feature package. A step refuses input by throwing {@code Rejection}; the deduplicate step stops
 * the exchange for a berichtId seen before.
 */
@Component
class PipelineRoute extends RouteBuilder {

    @Override
    public void configure() {
        from(Steps.PIPELINE).routeId("pipeline").routeConfigurationId(ErrorPolicy.ID)
                .to(Steps.VALIDATE)
                .to(Steps.DEDUPLICATE)
                .to(Steps.RESOLVE_RECIPIENTS)
                .to(Steps.CHECK_CONSENT)
                .to(Steps.SIGN)
                .to(Steps.RECORD)
                .to(Steps.ENQUEUE);
    }
}
