package nl.hvht.ketenpoort.signing;

import java.util.LinkedHashMap;
import java.util.Map;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Pipeline step {@code direct:sign}: for every recipient consent allowed, its own copy (the categories it may not
 * have withheld section by section, and the grounds it goes out on in {@code verstrekking}), signed as CMS
 * SignedData.
 */
@Component("signStep")
class SignStep extends RouteBuilder {

    private final CopySigner copies;

    SignStep(CopySigner copies) {
        this.copies = copies;
    }

    @Override
    public void configure() {
        from(Steps.SIGN).routeId("sign").routeConfigurationId(Steps.ERROR_POLICY)
                .process(exchange -> sign(exchange.getMessage().getBody(Dispatch.class)));
    }

    public void sign(Dispatch dispatch) {
        Map<String, ConsentDecision> allowed = new LinkedHashMap<>();
        dispatch.decisions().forEach((recipient, decision) -> {
            if (decision.allowed()) {
                allowed.put(recipient, decision);
            }
        });
        copies.copiesFor(dispatch.message(), allowed).forEach(dispatch::signedFor);
    }
}
