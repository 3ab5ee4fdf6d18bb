package nl.hvht.ketenpoort.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.intake.RefusalChecks;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.ReceivedSignature;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Answers follow the question (issue 12): a Verwijzingsantwoord is routed to the sender of the verwijzing its
 * correlatieId names, only when that verwijzing was delivered to the answering partner; it goes out only on consent
 * covering that sender or on the configured flow ground for answers (GatewayTestSupport: purpose 'toezicht' only), and
 * the ground is logged; the sender's status shows the thread.
 */
class AnswerRoutingIT extends GatewayTestSupport {

    private static final String HVHT = "hvht";
    private static final String TRANSFORE = "transfore";

    @Autowired
    private JdbcTemplate jdbc;

    private RefusalChecks checks;

    @BeforeEach
    void checks() {
        checks = new RefusalChecks(jdbc, PARTNERS);
    }

    @Test
    void anAnswerGoesBackToTheSenderOfTheQuestionOnConsentCoveringThatSender() throws Exception {
        String deelnemer = newParticipant();
        String verklaring = registerFullConsent(deelnemer, HVHT, TRANSFORE);
        String question = deliveredVerwijzing(deelnemer, TRANSFORE);
        Example answer = answer(deelnemer, TRANSFORE, question);
        assertThat(answer.xml()).as("the example addresses nobody").doesNotContain("<ontvanger>");

        HttpResponse<String> response = submit(TRANSFORE, answer.xml());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = json(response);
        assertThat(accepted.get("ontvangers")).hasSize(1);
        assertThat(accepted.get("ontvangers").get(0).get("ontvanger").asText()).isEqualTo(HVHT);
        assertThat(accepted.get("antwoordOp").get("berichtId").asText()).isEqualTo(question);
        assertThat(accepted.get("antwoordOp").get("berichtType").asText()).isEqualTo("Verwijzing");
        assertThat(awaitSettled(TRANSFORE, answer.berichtId())).isEqualTo(Map.of(HVHT, "DELIVERED"));
        assertThat(ENDPOINTS.posts(HVHT, answer.berichtId())).hasSize(1);
        assertThat(jdbc.queryForObject("select rollen from bezorging where bericht_id = ?::uuid and ontvanger = ?", String.class,
                answer.berichtId(), HVHT)).isEqualTo("vraagsteller");

        // The ground is the verklaring covering hvht, at intake and again at delivery, in the consent log and the audit log.
        String ground = "toestemming:" + verklaring + "@v1";
        assertThat(ledger().consentDecisions(answer.berichtId())).containsExactly("INTAKE ALLOWED " + ground, "BEZORGING ALLOWED " + ground);
        assertThat(jdbc.queryForList("select reden from audit_record where bericht_id = ? and stap = 'CONSENT_DECISION'"
                + " order by volgnummer", String.class, answer.berichtId())).containsExactly("INTAKE " + ground, "BEZORGING " + ground);
    }

    @Test
    void theSendersStatusShowsTheQuestionWithItsAnswersAndAnAnswerShowsWhatItAnswers() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, HVHT, TRANSFORE);
        String question = deliveredVerwijzing(deelnemer, TRANSFORE);
        Example first = answer(deelnemer, TRANSFORE, question);
        // An ontvanger that names the sender of the question is allowed (the answer goes there anyway).
        Example second = answer(deelnemer, TRANSFORE, question);
        String addressed = second.xml().replace("<afzender>transfore</afzender>", "<afzender>transfore</afzender>\n    <ontvanger>hvht</ontvanger>");

        assertThat(submit(TRANSFORE, first.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled(TRANSFORE, first.berichtId())).isEqualTo(Map.of(HVHT, "DELIVERED"));
        assertThat(submit(TRANSFORE, addressed).statusCode()).isEqualTo(202);
        assertThat(awaitSettled(TRANSFORE, second.berichtId())).isEqualTo(Map.of(HVHT, "DELIVERED"));

        JsonNode status = json(get(HVHT, "/api/v1/berichten/" + question));
        // The existing fields as before ...
        assertThat(status.get("berichtId").asText()).isEqualTo(question);
        assertThat(status.get("berichtType").asText()).isEqualTo("Verwijzing");
        assertThat(status.get("ontvangers").get(0).get("ontvanger").asText()).isEqualTo(TRANSFORE);
        assertThat(status.get("ontvangers").get(0).get("status").asText()).isEqualTo("DELIVERED");
        assertThat(status.has("verwerking")).isTrue();
        // ... and the thread: no question above it, its answers in order with their status.
        assertThat(status.get("antwoordOp").isNull()).isTrue();
        assertThat(status.get("antwoorden")).hasSize(2);
        JsonNode a = status.get("antwoorden").get(0);
        assertThat(a.get("berichtId").asText()).isEqualTo(first.berichtId());
        assertThat(a.get("berichtType").asText()).isEqualTo("Verwijzingsantwoord");
        assertThat(a.get("afzender").asText()).isEqualTo(TRANSFORE);
        assertThat(a.get("status").asText()).isEqualTo("DELIVERED");
        assertThat(a.hasNonNull("ontvangen")).isTrue();
        assertThat(status.get("antwoorden").get(1).get("berichtId").asText()).isEqualTo(second.berichtId());

        JsonNode answerStatus = json(get(TRANSFORE, "/api/v1/berichten/" + first.berichtId()));
        assertThat(answerStatus.get("antwoordOp").get("berichtId").asText()).isEqualTo(question);
        assertThat(answerStatus.get("antwoordOp").get("berichtType").asText()).isEqualTo("Verwijzing");
        assertThat(answerStatus.get("antwoorden")).isEmpty();
        // Each sees only its own message, as before.
        assertThat(get(TRANSFORE, "/api/v1/berichten/" + question).statusCode()).isEqualTo(404);
        assertThat(get(HVHT, "/api/v1/berichten/" + first.berichtId()).statusCode()).isEqualTo(404);
    }

    @Test
    void withoutConsentForTheSenderOfTheQuestionTheAnswerIsWithheld() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, TRANSFORE);
        String question = deliveredVerwijzing(deelnemer, TRANSFORE);
        Example answer = answer(deelnemer, TRANSFORE, question);

        HttpResponse<String> response = submit(TRANSFORE, answer.xml());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).get("ontvangers").get(0).get("reden").asText()).isEqualTo("NO_CONSENT");
        assertThat(awaitSettled(TRANSFORE, answer.berichtId())).isEqualTo(Map.of(HVHT, "WITHHELD"));
        assertThat(ledger().consentDecisions(answer.berichtId())).containsExactly("INTAKE DENIED null");
        assertThat(ENDPOINTS.posts(HVHT, answer.berichtId())).isEmpty();
        // The question's sender sees that an answer came and was withheld.
        JsonNode thread = json(get(HVHT, "/api/v1/berichten/" + question)).get("antwoorden");
        assertThat(thread).hasSize(1);
        assertThat(thread.get(0).get("status").asText()).isEqualTo("WITHHELD");
    }

    @Test
    void theConfiguredFlowGroundCarriesAnAnswerWithoutConsentAndIsLogged() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, TRANSFORE);
        String question = deliveredVerwijzing(deelnemer, TRANSFORE);
        // The test configuration's flow ground covers answers for the purpose 'toezicht'.
        Example answer = answer(deelnemer, TRANSFORE, question);
        String toezicht = answer.xml().replace("<doel>behandeling</doel>", "<doel>toezicht</doel>");

        HttpResponse<String> response = submit(TRANSFORE, toezicht);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(awaitSettled(TRANSFORE, answer.berichtId())).isEqualTo(Map.of(HVHT, "DELIVERED"));
        String ground = "wettelijke-taak:" + ANSWER_GROUND;
        assertThat(ledger().consentDecisions(answer.berichtId())).containsExactly("INTAKE ALLOWED " + ground, "BEZORGING ALLOWED " + ground);
        assertThat(jdbc.queryForList("select reden from audit_record where bericht_id = ? and stap = 'CONSENT_DECISION'"
                + " order by volgnummer", String.class, answer.berichtId())).containsExactly("INTAKE " + ground, "BEZORGING " + ground);
        assertThat(jdbc.queryForObject("select grondslag from bezorging where bericht_id = ?::uuid", String.class, answer.berichtId()))
                .isEqualTo(ground);
        List<LoggedRequest> received = ENDPOINTS.posts(HVHT, answer.berichtId());
        assertThat(received).hasSize(1);
        String copy = new String(ReceivedSignature.verify(received.get(0).getBody()), StandardCharsets.UTF_8);
        assertThat(copy).contains("<wettelijkeTaak>" + ANSWER_GROUND + "</wettelijkeTaak>").doesNotContain("<toestemming>");
    }

    // ---- refusals: 422, nothing stored or sent, one REJECTED audit record ------------------------------------------

    @Test
    void anAnswerNamingAnUnknownMessageIsRefused() {
        String deelnemer = newParticipant();
        Example answer = answer(deelnemer, TRANSFORE, UUID.randomUUID().toString());
        long before = checks.auditHead();

        HttpResponse<String> response = submit(TRANSFORE, answer.xml());

        checks.assertRefused(response, RejectionCode.CORRELATIE_ONBEKEND, answer.berichtId(), TRANSFORE, before, deelnemer);
        assertThat(json(response).get("detail").asText()).isEqualTo(NOT_RECEIVED);
    }

    @Test
    void anAnswerToAMessageTheAnsweringPartnerNeverReceivedIsRefusedAsIfItDidNotExist() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, HVHT, TRANSFORE);
        String toTransfore = deliveredVerwijzing(deelnemer, TRANSFORE);
        // justact was never a recipient of that verwijzing.
        Example fromJustact = answer(deelnemer, "justact", toTransfore);
        long before = checks.auditHead();

        HttpResponse<String> response = submit("justact", fromJustact.xml());

        checks.assertRefused(response, RejectionCode.CORRELATIE_ONBEKEND, fromJustact.berichtId(), "justact", before, deelnemer);
        assertThat(json(response).get("detail").asText()).as("no hint that the message exists").isEqualTo(NOT_RECEIVED);
    }

    @Test
    void anAnswerToAMessageThatWasWithheldFromTheAnsweringPartnerIsRefused() {
        String deelnemer = newParticipant();
        // No consent for transfore: the verwijzing is WITHHELD from it, so transfore never received it.
        Example verwijzing = example("verwijzing", deelnemer);
        assertThat(submit(HVHT, verwijzing.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled(HVHT, verwijzing.berichtId())).isEqualTo(Map.of(TRANSFORE, "WITHHELD"));
        Example answer = answer(deelnemer, TRANSFORE, verwijzing.berichtId());
        long before = checks.auditHead();

        HttpResponse<String> response = submit(TRANSFORE, answer.xml());

        checks.assertRefused(response, RejectionCode.CORRELATIE_ONBEKEND, answer.berichtId(), TRANSFORE, before, deelnemer);
        assertThat(json(response).get("detail").asText()).isEqualTo(NOT_RECEIVED);
    }

    @Test
    void anAnswerToAMessageOfATypeItDoesNotAnswerIsRefused() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, HVHT, TRANSFORE);
        Example plan = example("trajectplan", deelnemer);
        String toTransfore = plan.xml().replace("<ontvanger>reclassering-nederland</ontvanger>", "<ontvanger>transfore</ontvanger>")
                .replace("    <ontvanger>gemeente-enschede</ontvanger>\n", "");
        assertThat(submit(HVHT, toTransfore).statusCode()).isEqualTo(202);
        assertThat(awaitSettled(HVHT, plan.berichtId())).isEqualTo(Map.of(TRANSFORE, "DELIVERED"));
        Example answer = answer(deelnemer, TRANSFORE, plan.berichtId());
        long before = checks.auditHead();

        HttpResponse<String> response = submit(TRANSFORE, answer.xml());

        checks.assertRefused(response, RejectionCode.CORRELATIE_ONBEKEND, answer.berichtId(), TRANSFORE, before, deelnemer);
        assertThat(json(response).get("detail").asText()).contains("Trajectplan");
    }

    @Test
    void anAnswerWithoutCorrelatieIdOrAboutAnotherParticipantIsRefused() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, HVHT, TRANSFORE);
        String question = deliveredVerwijzing(deelnemer, TRANSFORE);

        Example uncorrelated = answer(deelnemer, TRANSFORE, question);
        long before = checks.auditHead();
        HttpResponse<String> response = submit(TRANSFORE, uncorrelated.xml().replaceFirst("\\s*<correlatieId>[^<]+</correlatieId>", ""));
        checks.assertRefused(response, RejectionCode.CORRELATIE_ONBEKEND, uncorrelated.berichtId(), TRANSFORE, before, deelnemer);

        String other = newParticipant();
        registerFullConsent(other, HVHT);
        Example aboutOther = answer(other, TRANSFORE, question);
        before = checks.auditHead();
        response = submit(TRANSFORE, aboutOther.xml());
        checks.assertRefused(response, RejectionCode.CORRELATIE_ONBEKEND, aboutOther.berichtId(), TRANSFORE, before, other, deelnemer);
    }

    @Test
    void anAnswerAddressedToAnyoneButTheSenderOfTheQuestionIsRefused() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, HVHT, TRANSFORE, "gemeente-enschede");
        String question = deliveredVerwijzing(deelnemer, TRANSFORE);
        Example answer = answer(deelnemer, TRANSFORE, question);
        String elsewhere = answer.xml().replace("<afzender>transfore</afzender>",
                "<afzender>transfore</afzender>\n    <ontvanger>hvht</ontvanger>\n    <ontvanger>gemeente-enschede</ontvanger>");
        long before = checks.auditHead();

        HttpResponse<String> response = submit(TRANSFORE, elsewhere);

        checks.assertRefused(response, RejectionCode.ANTWOORD_ONTVANGER_ONJUIST, answer.berichtId(), TRANSFORE, before, deelnemer);
        assertThat(json(get(HVHT, "/api/v1/berichten/" + question)).get("antwoorden")).isEmpty();
    }

    private static final String NOT_RECEIVED = "Het correlatieId noemt geen bericht dat aan deze partner is bezorgd.";
}
