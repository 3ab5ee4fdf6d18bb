package nl.hvht.ketenpoort.pipeline;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.ReceivedSignature;
import org.junit.jupiter.api.Test;

/** Every message type, end to end: intake over mTLS, rules, consent, signing, queue, delivery over mTLS. */
class PipelineIT extends GatewayTestSupport {

    @Test
    void overdrachtGoesToTheMunicipalityHeMovesToAndHisProbationOrganisation() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "gemeente-enschede", "reclassering-nederland");
        Example overdracht = example("overdracht", deelnemer);

        HttpResponse<String> response = submit("hvht", overdracht.xml());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.headers().firstValue("Location")).hasValue("/api/v1/berichten/" + overdracht.berichtId());
        JsonNode body = json(response);
        assertThat(body.get("berichtId").asText()).isEqualTo(overdracht.berichtId());
        assertThat(awaitSettled("hvht", overdracht.berichtId()))
                .isEqualTo(Map.of("gemeente-enschede", "DELIVERED", "reclassering-nederland", "DELIVERED"));
        assertDeliveredOnceSignedAndUnchanged("gemeente-enschede", overdracht);
        assertDeliveredOnceSignedAndUnchanged("reclassering-nederland", overdracht);
    }

    @Test
    void trajectplanGoesToTheAddressedPartners() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "gemeente-enschede", "reclassering-nederland");
        Example plan = example("trajectplan", deelnemer);

        assertThat(submit("hvht", plan.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", plan.berichtId()))
                .isEqualTo(Map.of("gemeente-enschede", "DELIVERED", "reclassering-nederland", "DELIVERED"));
        assertDeliveredOnceSignedAndUnchanged("gemeente-enschede", plan);
    }

    @Test
    void verwijzingGoesToTheCarePartnerItNames() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "transfore");
        Example verwijzing = example("verwijzing", deelnemer);

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of("transfore", "DELIVERED"));
        assertDeliveredOnceSignedAndUnchanged("transfore", verwijzing);
    }

    @Test
    void answersTravelBackToHuisVanHerstel() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht", "transfore");
        // The answer and the Retourbericht name the verwijzing transfore received; the gateway routes both back to hvht.
        String verwijzing = deliveredVerwijzing(deelnemer, "transfore");
        Example antwoord = answer(deelnemer, "transfore", verwijzing);
        Example retour = retourbericht(deelnemer, "transfore", verwijzing);

        assertThat(submit("transfore", antwoord.xml()).statusCode()).isEqualTo(202);
        assertThat(submit("transfore", retour.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("transfore", antwoord.berichtId())).isEqualTo(Map.of("hvht", "DELIVERED"));
        assertThat(awaitSettled("transfore", retour.berichtId())).isEqualTo(Map.of("hvht", "DELIVERED"));
        assertDeliveredOnceSignedAndUnchanged("hvht", antwoord);
        // A Retourbericht carries no personal-data category: it goes on the technical ground, not on the consent.
        assertDeliveredOnceSignedAndUnchanged("hvht", retour, "<wettelijkeTaak>technisch-retourbericht</wettelijkeTaak>");
    }

    private static String between(String xml, String from, String to) {
        return xml.substring(xml.indexOf(from), xml.indexOf(to) + to.length());
    }

    private void assertDeliveredOnceSignedAndUnchanged(String partner, Example example) throws Exception {
        assertDeliveredOnceSignedAndUnchanged(partner, example, "<toestemming>");
    }

    private void assertDeliveredOnceSignedAndUnchanged(String partner, Example example, String ground) throws Exception {
        LoggedRequest request = ENDPOINTS.onlyPost(partner, example.berichtId());
        assertThat(request.getHeader("Content-Type")).startsWith("application/pkcs7-mime");
        assertThat(request.getHeader("Ketenpoort-BerichtId")).isEqualTo(example.berichtId());
        byte[] content = ReceivedSignature.verify(request.getBody());
        assertThat(ReceivedSignature.signer(request.getBody()))
                .as("signed with the gateway's signing certificate, not its TLS certificate")
                .isEqualTo(nl.hvht.ketenpoort.support.TestPki.pki().gatewaySigning().certificate());
        // With full consent nothing is withheld: envelope and body arrive byte for byte as sent, followed by the
        // gateway's verstrekking (recipient and grounds).
        String delivered = new String(content, StandardCharsets.UTF_8);
        assertThat(between(delivered, "<envelop>", "</inhoud>")).isEqualTo(between(example.xml(), "<envelop>", "</inhoud>"));
        assertThat(delivered.substring(delivered.indexOf("</inhoud>"))).contains("<verstrekking>")
                .contains("<ontvanger>" + partner + "</ontvanger>").contains(ground)
                .doesNotContain("<ingehoudenCategorie>");
        assertThat(request.getAllHeaderKeys()).noneMatch(h -> h.toLowerCase().startsWith("kp"));
        assertThat(PARTNERS.findAll(postRequestedFor(urlPathMatching("/ontvangst/.*"))))
                .allSatisfy(r -> assertThat(new String(r.getBody(), StandardCharsets.ISO_8859_1)).doesNotContain("kpDeelnemer"));
    }
}
