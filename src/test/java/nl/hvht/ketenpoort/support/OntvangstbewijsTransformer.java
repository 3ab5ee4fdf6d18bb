package nl.hvht.ketenpoort.support;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * WireMock partner answer with a signed receipt over exactly the request body it received, signed with the partner's
 * signing certificate ({@link SignedOntvangstbewijzen}); the partner id is the last path segment ({@code /ontvangst/<id>}), the
 * berichtId the request's {@code Ketenpoort-BerichtId}. Only for stubs that name it:
 * {@code .withTransformers(OntvangstbewijsTransformer.NAME)}; parameter {@code fout} makes a wrong one: {@code digest} (over
 * other bytes) or {@code ondertekenaar} (signed by another partner).
 */
public final class OntvangstbewijsTransformer implements ResponseDefinitionTransformerV2 {

    public static final String NAME = "ontvangstbewijs";
    public static final String FOUT = "fout";

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        var request = serveEvent.getRequest();
        String url = request.getUrl();
        String ontvanger = url.substring(url.lastIndexOf('/') + 1);
        String berichtId = request.getHeader("Ketenpoort-BerichtId");
        Parameters parameters = serveEvent.getTransformerParameters();
        String fout = parameters == null || !parameters.containsKey(FOUT) ? "" : parameters.getString(FOUT);
        byte[] received = "digest".equals(fout) ? "andere bytes".getBytes(StandardCharsets.US_ASCII) : request.getBody();
        String signer = "ondertekenaar".equals(fout) ? ("transfore".equals(ontvanger) ? "trajectum" : "transfore") : ontvanger;
        byte[] receipt = SignedBerichten.sign(SignedOntvangstbewijzen.signer(signer),
                SignedOntvangstbewijzen.xml(berichtId, ontvanger, SignedOntvangstbewijzen.sha256(received), OffsetDateTime.now()));
        return ResponseDefinitionBuilder.like(serveEvent.getResponseDefinition()).but()
                .withHeader("Content-Type", "application/pkcs7-mime; smime-type=signed-data")
                .withBody(receipt)
                .build();
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }
}
