package nl.hvht.ketenpoort.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The console pages (issue 5): roles, the dead-letter form, the audit button, audit records of views. */
class ConsolePagesIT extends GatewayTestSupport {

    private static final String PARTNER = "transfore";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private Pseudonymizer pseudonymizer;

    @Test
    void eachPageAnswersTheRightRolesAndRefusesTheOthers() {
        Admin kijker = newAdmin("KIJKER");
        Admin privacy = newAdmin("PRIVACY");
        Admin beheerder = newAdmin("BEHEERDER");
        for (String page : List.of("/beheer/berichten", "/beheer/dode-brieven")) {
            for (Admin admin : List.of(kijker, privacy, beheerder)) {
                assertThat(adminGet(admin, page).statusCode()).as(page).isEqualTo(200);
            }
        }
        for (String page : List.of("/beheer/toestemming", "/beheer/audit")) {
            assertThat(adminGet(kijker, page).statusCode()).as(page).isEqualTo(403);
            assertThat(adminGet(privacy, page).statusCode()).as(page).isEqualTo(200);
            assertThat(adminGet(beheerder, page).statusCode()).as(page).isEqualTo(200);
        }
        assertThat(formPost(kijker, "/beheer/audit/verificatie", Map.of()).statusCode()).isEqualTo(403);
        // The menu: no greyed-out items; Toestemming and Audit only for those who may open them.
        String kijkersMenu = adminGet(kijker, "/beheer/berichten").body();
        assertThat(kijkersMenu).contains("href=\"/beheer/dode-brieven\"").doesNotContain("binnenkort")
                .doesNotContain("href=\"/beheer/toestemming\"");
        assertThat(adminGet(privacy, "/beheer/").body()).contains("href=\"/beheer/toestemming\"").contains("href=\"/beheer/audit\"");
        // Not logged in: to the login page.
        assertThat(location(adminGet(null, "/beheer/berichten"))).isEqualTo("/beheer/inloggen");
    }

    @Test
    void aDeadLetterIsRetriedFromThePageFormAndEndsDelivered() {
        partnerAnswers(400);
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, PARTNER);
        Example message = example("verwijzing", deelnemer);
        assertThat(submit("hvht", message.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        String item = message.berichtId() + ":" + PARTNER;

        // KIJKER sees the row but no buttons, and his POST is refused.
        Admin kijker = newAdmin("KIJKER");
        String kijkersPage = adminGet(kijker, "/beheer/dode-brieven").body();
        assertThat(kijkersPage).contains("data-bezorging=\"" + item + "\"").doesNotContain("data-actie=\"herkansing\"")
                .doesNotContain("data-actie=\"afvoer\"").doesNotContain(deelnemer);
        assertThat(formPost(kijker, "/beheer/dode-brieven/herkansing", Map.of("item", item)).statusCode()).isEqualTo(403);
        assertThat(formPost(newAdmin("PRIVACY"), "/beheer/dode-brieven/herkansing", Map.of("item", item)).statusCode()).isEqualTo(403);
        assertThat(statuses("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));

        Admin beheerder = newAdmin("BEHEERDER");
        String page = adminGet(beheerder, "/beheer/dode-brieven").body();
        assertThat(page).contains("<input type=\"checkbox\" name=\"item\" value=\"" + item + "\"")
                .contains("data-actie=\"herkansing\"").contains("data-actie=\"afvoer\"");

        partnerAnswers(200);
        HttpResponse<String> retried = formPost(beheerder, "/beheer/dode-brieven/herkansing", Map.of("item", item));
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(302);
        assertThat(location(retried)).isEqualTo("/beheer/dode-brieven");
        assertThat(adminGet(beheerder, "/beheer/dode-brieven").body()).contains("data-resultaat=\"ok\"");
        assertThat(awaitSettled("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        assertThat(jdbc.queryForObject("select count(*) from audit_record where bericht_id = ? and stap = 'DEAD_LETTER_RETRIED'"
                + " and afzender = ?", Integer.class, message.berichtId(), "beheerder:" + beheerder.naam())).isEqualTo(1);

        // Delivered now: a second retry is refused and the problem is shown, not a stack trace.
        formPost(beheerder, "/beheer/dode-brieven/herkansing", Map.of("item", item));
        String refused = adminGet(beheerder, "/beheer/dode-brieven").body();
        assertThat(refused).contains("data-resultaat=\"fout\"").contains("Deze bezorging is geen open dode brief.")
                .doesNotContain("Exception");
        // A discard without a reason text is refused on the page.
        formPost(beheerder, "/beheer/dode-brieven/afvoer", Map.of("item", item, "code", "VEROUDERD", "reden", ""));
        assertThat(adminGet(beheerder, "/beheer/dode-brieven").body()).contains("data-resultaat=\"fout\"");
    }

    @Test
    void theAuditButtonVerifiesTheChain() {
        Admin privacy = newAdmin("PRIVACY");
        assertThat(adminGet(privacy, "/beheer/audit").body()).contains("data-actie=\"verifieer\"").doesNotContain("data-resultaat");
        HttpResponse<String> verified = formPost(privacy, "/beheer/audit/verificatie", Map.of());
        assertThat(verified.statusCode()).isEqualTo(302);
        assertThat(location(verified)).isEqualTo("/beheer/audit");
        assertThat(adminGet(privacy, "/beheer/audit").body()).contains("data-resultaat=\"ok\"").doesNotContain("data-resultaat=\"gebroken\"");
        assertThat(jdbc.queryForObject("select count(*) from audit_record where stap = 'ADMIN_ACTION' and afzender = ? and uitkomst = 'OK'",
                Integer.class, "beheerder:" + privacy.naam())).isEqualTo(1);
        // Without the CSRF token: refused.
        HttpResponse<String> noToken = adminSend(adminSession(privacy).client(),
                form(adminUri("/beheer/audit/verificatie"), Map.of()));
        assertThat(noToken.statusCode()).isEqualTo(403);
    }

    @Test
    void viewingAParticipantLeavesAnAdminViewRecordWithThePseudonymOnly() {
        String deelnemer = newParticipant();
        String verklaring = registerFullConsent(deelnemer, PARTNER);
        partnerAnswers(200);
        Example message = example("verwijzing", deelnemer);
        assertThat(submit("hvht", message.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));

        Admin privacy = newAdmin("PRIVACY");
        HttpResponse<String> page = adminGet(privacy, "/beheer/toestemming?deelnemer=" + deelnemer);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-verklaring=\"" + verklaring + "\"").contains("data-versie=\"1\"")
                .contains(message.berichtId()).contains("/beheer/api/v1/deelnemers/" + deelnemer + "/verstrekkingen")
                .doesNotContain("data-actie=\"goedkeuring\"");
        String pseudoniem = pseudonymizer.pseudonym(deelnemer);
        assertThat(jdbc.queryForObject("select count(*) from audit_record where stap = 'ADMIN_VIEW' and afzender = ?"
                + " and deelnemer_pseudoniem = ?", Integer.class, "beheerder:" + privacy.naam(), pseudoniem)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from audit_record where bericht_id like ? or reden like ? or afzender like ?"
                + " or deelnemer_pseudoniem like ?", Integer.class, "%" + deelnemer + "%", "%" + deelnemer + "%", "%" + deelnemer + "%",
                "%" + deelnemer + "%")).isZero();

        // The message browser: found by pseudonym, the detail shows timeline, consent decision and ground; no content.
        Admin kijker = newAdmin("KIJKER");
        String found = adminGet(kijker, "/beheer/berichten?pseudoniem=" + pseudoniem).body();
        assertThat(found).contains("data-bericht=\"" + message.berichtId() + "\"").contains("data-status=\"DELIVERED\"");
        HttpResponse<String> detail = adminGet(kijker, "/beheer/berichten/" + message.berichtId());
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("data-ontvanger=\"" + PARTNER + "\"").contains("data-stap=\"DELIVERED\"")
                .contains("data-fase=\"INTAKE\"").contains("toestemming:" + verklaring).doesNotContain(deelnemer)
                .doesNotContain("&lt;inhoud");
        assertThat(jdbc.queryForObject("select count(*) from audit_record where stap = 'ADMIN_VIEW' and afzender = ? and bericht_id = ?",
                Integer.class, "beheerder:" + kijker.naam(), message.berichtId())).isEqualTo(1);
        assertThat(adminGet(kijker, "/beheer/berichten/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(adminGet(kijker, "/beheer/berichten?berichtId=geen-uuid").body()).contains("data-resultaat=\"fout\"");
    }

    @Test
    void theMessagePageShowsTheThreadOfAQuestionAndItsAnswersWithLinks() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht", PARTNER);
        String question = deliveredVerwijzing(deelnemer, PARTNER);
        Example answer = answer(deelnemer, PARTNER, question);
        assertThat(submit(PARTNER, answer.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled(PARTNER, answer.berichtId())).isEqualTo(Map.of("hvht", "DELIVERED"));
        Admin kijker = newAdmin("KIJKER");

        String questionPage = adminGet(kijker, "/beheer/berichten/" + question).body();
        assertThat(questionPage).contains("data-vraag=\"" + question + "\"")
                .contains("data-draad=\"antwoord\" data-bericht-id=\"" + answer.berichtId() + "\"")
                .contains("href=\"/beheer/berichten/" + answer.berichtId() + "\"")
                .contains("data-status=\"DELIVERED\"").contains("Verwijzingsantwoord").doesNotContain(deelnemer);
        String answerPage = adminGet(kijker, "/beheer/berichten/" + answer.berichtId()).body();
        assertThat(answerPage).contains("data-draad=\"vraag\" data-bericht-id=\"" + question + "\"")
                .contains("href=\"/beheer/berichten/" + question + "\"")
                .contains("data-draad=\"antwoord\" data-bericht-id=\"" + answer.berichtId() + "\"");
        // A message that answers nothing and has no answers shows no thread.
        Example alone = example("verwijzing", deelnemer);
        assertThat(submit("hvht", alone.xml()).statusCode()).isEqualTo(202);
        assertThat(adminGet(kijker, "/beheer/berichten/" + alone.berichtId()).body()).doesNotContain("data-draad=");
    }

    @Test
    void aBreakGlassRequestIsApprovedOnThePageByASecondBeheerderOnly() {
        String recipient = "gemeente-enschede";
        Example message = example("overdracht", newParticipant());
        assertThat(submit("hvht", message.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", message.berichtId())).containsEntry(recipient, "WITHHELD");
        Admin aanvrager = newAdmin("BEHEERDER");
        HttpResponse<String> requested = adminPost(aanvrager, "/beheer/api/v1/doorbraken", Map.of("berichtId", message.berichtId(),
                "ontvanger", recipient, "motivering", "Acute crisis: opvang moet vandaag geregeld, toestemming niet bereikbaar."));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String id = json(requested).get("id").asText();
        String path = "/beheer/toestemming/doorbraken/" + id + "/goedkeuring";

        Admin privacy = newAdmin("PRIVACY");
        assertThat(adminGet(privacy, "/beheer/toestemming").body()).contains("data-doorbraak=\"" + id + "\"")
                .doesNotContain("data-actie=\"goedkeuring\"");
        assertThat(formPost(privacy, path, Map.of()).statusCode()).isEqualTo(403);

        // Four eyes: the requester cannot approve his own request; the refusal is shown.
        assertThat(adminGet(aanvrager, "/beheer/toestemming").body()).contains("data-actie=\"goedkeuring\"").contains("data-actie=\"afwijzing\"");
        assertThat(location(formPost(aanvrager, path, Map.of()))).isEqualTo("/beheer/toestemming");
        assertThat(adminGet(aanvrager, "/beheer/toestemming").body()).contains("data-resultaat=\"fout\"");

        Admin tweede = newAdmin("BEHEERDER");
        assertThat(location(formPost(tweede, path, Map.of()))).isEqualTo("/beheer/toestemming");
        String after = adminGet(tweede, "/beheer/toestemming").body();
        assertThat(after).contains("data-resultaat=\"ok\"");
        assertThat(jdbc.queryForObject("select count(*) from audit_record where bericht_id = ? and stap = 'BREAK_GLASS_DECIDED'"
                + " and uitkomst = 'GOEDGEKEURD' and afzender = ?", Integer.class, message.berichtId(), "beheerder:" + tweede.naam())).isEqualTo(1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> "DELIVERED".equals(statuses("hvht", message.berichtId()).get(recipient)));
    }

    private static HttpResponse<String> formPost(Admin admin, String path, Map<String, String> fields) {
        HttpRequest.Builder request = form(adminUri(path), fields);
        return asAdmin(admin, request);
    }

    private static void partnerAnswers(int status) {
        PARTNERS.stubFor(post(urlPathEqualTo("/ontvangst/" + PARTNER)).willReturn(aResponse().withStatus(status)));
    }
}
