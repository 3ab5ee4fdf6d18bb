package nl.hvht.ketenpoort.intake;

import nl.hvht.ketenpoort.pipeline.Dispatch;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The intake's pipeline step. Steps on the hot path call their bean directly ({@code process}) instead of through
 * Camel's bean binding, which resolves the method and converts its arguments on every exchange.
 */
@Component
class IntakeRoutes extends RouteBuilder {

    private final ValidateStep step;

    IntakeRoutes(ValidateStep step) {
        this.step = step;
    }

    @Override
    public void configure() {
        from(Steps.VALIDATE).routeId("validate").routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> {
                    Dispatch dispatch = exchange.getMessage().getBody(Dispatch.class);
                    step.validate(dispatch);
                    exchange.getMessage().setHeader("berichtType", step.typeOf(dispatch));
                });
    }
}
