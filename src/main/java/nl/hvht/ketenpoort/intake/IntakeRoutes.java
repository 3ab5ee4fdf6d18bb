package nl.hvht.ketenpoort.intake;

import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The intake's pipeline step. */
@Component
class IntakeRoutes extends RouteBuilder {

    @Override
    public void configure() {
        from(Steps.VALIDATE).routeId("validate").routeConfigurationId(Steps.ERROR_POLICY)
                .bean("validateStep", "validate")
                .setHeader("berichtType", method("validateStep", "typeOf"));
    }
}
