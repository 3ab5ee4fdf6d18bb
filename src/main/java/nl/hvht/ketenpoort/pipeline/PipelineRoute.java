package nl.hvht.ketenpoort.pipeline;

import java.util.Set;
import org.apache.camel.Exchange;
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
    static final Set<String> CONSENT_MESSAGES = Set.of("Toestemmingsverklaring", "Intrekking");

    @Override
    public void configure() {
        from(Steps.PIPELINE).routeId("pipeline").routeConfigurationId(ErrorPolicy.ID)
                .to(Steps.VALIDATE)
                .to(Steps.DEDUPLICATE)
                .choice()
                    .when(PipelineRoute::isConsentMessage)
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

    private static boolean isConsentMessage(Exchange exchange) {
        return CONSENT_MESSAGES.contains(exchange.getMessage().getBody(Dispatch.class).envelope().berichtType());
    }
}
