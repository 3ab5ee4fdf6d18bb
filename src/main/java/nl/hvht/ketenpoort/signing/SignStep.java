package nl.hvht.ketenpoort.signing;

import java.util.Map;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import nl.hvht.ketenpoort.pipeline.Steps;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * Pipeline step {@code direct:sign}: a CMS SignedData copy for every recipient consent allowed. Every
 * allowed recipient currently receives the same validated bytes, so they are signed once.
 */
@Component("signStep")
class SignStep extends RouteBuilder {

    private final MessageSigner signer;

    SignStep(MessageSigner signer) {
        this.signer = signer;
    }

    @Override
    public void configure() {
        from(Steps.SIGN).routeId("sign").routeConfigurationId(Steps.ERROR_POLICY)
                .bean(this, "sign");
    }

    public void sign(Dispatch dispatch) {
        byte[] signed = null;
        for (Map.Entry<String, ConsentDecision> decision : dispatch.decisions().entrySet()) {
            if (decision.getValue().allowed()) {
                if (signed == null) {
                    signed = signer.sign(dispatch.message().xml());
                }
                dispatch.signedFor(decision.getKey(), signed);
            }
        }
    }
}
