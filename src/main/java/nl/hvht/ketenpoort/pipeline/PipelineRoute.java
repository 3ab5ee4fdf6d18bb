package nl.hvht.ketenpoort.pipeline;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The pipeline order, readable in one place. The body is a {@link Dispatch}; each step is a route owned
 * by its feature package. A step refuses input by throwing {@code Rejection}; the deduplicate step stops
 * the exchange for a berichtId seen before. Messages addressed to the gateway itself (a Toestemmingsverklaring
 * or Intrekking from the consent registrar) change the verklaringen and are recorded; all others go to their
 * recipients (an answer to the sender of the message it answers, then whoever the distribution rules add): the record
 * step stores everything in the intake committer's next group commit, after which the delivery workers take it from
 * the ledger.
 */
@Component
class PipelineRoute extends RouteBuilder {

    /** Message types addressed to the gateway itself. */
    static final String CONSENT_MESSAGES = "Toestemmingsverklaring,Intrekking";

    @Override
    public void configure() {
        from(Steps.PIPELINE).routeId("pipeline").routeConfigurationId(ErrorPolicy.ID)
                .to(Steps.VALIDATE)
                .to(Steps.DEDUPLICATE)
                .choice()
                    .when(simple("${body.envelope.berichtType} in '" + CONSENT_MESSAGES + "'"))
                        .to(Steps.REGISTER_CONSENT)
                        .to(Steps.RECORD)
                    .otherwise()
                        .to(Steps.RESOLVE_ANSWER)
                        .to(Steps.RESOLVE_RECIPIENTS)
                        .to(Steps.CHECK_CONSENT)
                        .to(Steps.SIGN)
                        .to(Steps.RECORD)
                .end();
    }
}
