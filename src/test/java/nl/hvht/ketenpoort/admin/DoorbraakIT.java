package nl.hvht.ketenpoort.admin;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.ReceivedSignature;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Break-glass, four eyes (issue 3): a withheld message reaches one recipient only after two administrators. */
class DoorbraakIT extends GatewayTestSupport {

    private static final String RECIPIENT = "gemeente-enschede";
    private static final String MOTIVERING = "Acute crisis: de gemeente moet vandaag opvang regelen, toestemming niet bereikbaar.";

    @Autowired
    JdbcTemplate jdbc;


    @Test
    void aWithheldMessageIsReleasedToOneRecipientOnlyAfterASecondAdministratorApproves() throws Exception {
        Admin beheerder1 = newAdmin("BEHEERDER");
        Admin beheerder2 = newAdmin("BEHEERDER");
        Example message = withheldOverdracht();

        // PRIVACY and KIJKER cannot request; a short motivering is refused.
        assertThat(adminPost(newAdmin("KIJKER"), "/beheer/api/v1/doorbraken", request(message, MOTIVERING)).statusCode()).isEqualTo(403);
        assertThat(adminPost(newAdmin("PRIVACY"), "/beheer/api/v1/doorbraken", request(message, MOTIVERING)).statusCode()).isEqualTo(403);
        HttpResponse<String> tooShort = adminPost(beheerder1, "/beheer/api/v1/doorbraken", request(message, "te kort"));
        assertThat(tooShort.statusCode()).isEqualTo(400);
        assertThat(json(tooShort).get("code").asText()).isEqualTo("VALIDATION_FAILED");

        HttpResponse<String> requested = adminPost(beheerder1, "/beheer/api/v1/doorbraken", request(message, MOTIVERING));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String id = json(requested).get("id").asText();
        assertThat(json(requested).get("status").asText()).isEqualTo("AANGEVRAAGD");
        HttpResponse<String> again = adminPost(beheerder2, "/beheer/api/v1/doorbraken", request(message, MOTIVERING));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("DOORBRAAK_NIET_MOGELIJK");

        // Without the second approval nothing is sent, also not after the outbox sweeper's period (2 s in tests).
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> received(RECIPIENT).isEmpty() && "WITHHELD".equals(statuses("hvht", message.berichtId()).get(RECIPIENT)));

        HttpResponse<String> ownApproval = adminPost(beheerder1, "/beheer/api/v1/doorbraken/" + id + "/goedkeuring", null);
        assertThat(ownApproval.statusCode()).isEqualTo(403);
        assertThat(json(ownApproval).get("code").asText()).isEqualTo("VIER_OGEN_VEREIST");
        assertThat(received(RECIPIENT)).isEmpty();

        HttpResponse<String> approved = adminPost(beheerder2, "/beheer/api/v1/doorbraken/" + id + "/goedkeuring", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).get("status").asText()).isEqualTo("GOEDGEKEURD");
        assertThat(json(approved).get("beoordeeldDoor").asText()).isEqualTo(beheerder2.naam());

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DELIVERED".equals(statuses("hvht", message.berichtId()).get(RECIPIENT)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> received(RECIPIENT).size() == 1);
        byte[] content = ReceivedSignature.verify(received(RECIPIENT).get(0).getBody());
        assertThat(new String(content, StandardCharsets.UTF_8)).contains(message.berichtId())
                .contains("<doorbraak>" + id + "</doorbraak>").doesNotContain("<ingehoudenCategorie>");
        // Only that one recipient: the others stay withheld and received nothing.
        Map<String, String> statuses = statuses("hvht", message.berichtId());
        statuses.forEach((recipient, status) -> {
            if (!recipient.equals(RECIPIENT)) {
                assertThat(status).as(recipient).isEqualTo("WITHHELD");
            }
        });
        assertThat(PARTNERS.findAll(postRequestedFor(urlPathMatching("/ontvangst/.*")))).hasSize(1);

        String ground = "doorbraak:" + id;
        assertThat(jdbc.queryForObject("select grondslag from bezorging where bericht_id = ?::uuid and ontvanger = ?", String.class,
                message.berichtId(), RECIPIENT)).isEqualTo(ground);
        // The consent log records the delivery decision on the break-glass ground.
        List<Map<String, Object>> decisions = jdbc.queryForList("select uitkomst, grondslag from toestemmingsbesluit"
                + " where bericht_id = ? and ontvanger = ? and fase = 'BEZORGING'", message.berichtId(), RECIPIENT);
        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0)).containsEntry("uitkomst", "ALLOWED").containsEntry("grondslag", ground);
        // Audit: requested by the first, decided by the second administrator, on the ground; never the motivering.
        List<Map<String, Object>> audit = jdbc.queryForList("select stap, afzender, ontvanger, uitkomst, reden from audit_record"
                + " where bericht_id = ? order by volgnummer", message.berichtId());
        assertThat(audit).anySatisfy(r -> assertThat(r).containsEntry("stap", "BREAK_GLASS_REQUESTED")
                .containsEntry("afzender", "beheerder:" + beheerder1.naam()).containsEntry("ontvanger", RECIPIENT)
                .containsEntry("uitkomst", "AANGEVRAAGD").containsEntry("reden", ground));
        assertThat(audit).anySatisfy(r -> assertThat(r).containsEntry("stap", "BREAK_GLASS_DECIDED")
                .containsEntry("afzender", "beheerder:" + beheerder2.naam()).containsEntry("uitkomst", "GOEDGEKEURD")
                .containsEntry("reden", ground));
        assertThat(audit).anySatisfy(r -> assertThat(r).containsEntry("stap", "DELIVERED").containsEntry("ontvanger", RECIPIENT));
        assertThat(audit).noneSatisfy(r -> assertThat(String.valueOf(r.get("reden"))).contains("crisis"));
        assertThat(jdbc.queryForObject("select count(*) from audit_record where reden like '%crisis%'", Integer.class)).isZero();

        // The release is in the participant's disclosure report, for PRIVACY (not for KIJKER).
        String deelnemer = message.xml().replaceFirst("(?s).*<deelnemer>([^<]+)</deelnemer>.*", "$1");
        String report = "/beheer/api/v1/deelnemers/" + deelnemer + "/verstrekkingen";
        assertThat(adminGet(newAdmin("KIJKER"), report).statusCode()).isEqualTo(403);
        HttpResponse<String> disclosure = adminGet(newAdmin("PRIVACY"), report);
        assertThat(disclosure.statusCode()).as(disclosure.body()).isEqualTo(200);
        assertThat(disclosure.body()).contains(ground).contains(RECIPIENT);

        // Decided once only; the listing shows the motivering to BEHEERDER and PRIVACY, not to KIJKER.
        assertThat(adminPost(beheerder2, "/beheer/api/v1/doorbraken/" + id + "/goedkeuring", null).statusCode()).isEqualTo(409);
        assertThat(listed(newAdmin("KIJKER"), id).has("motivering")).isFalse();
        assertThat(listed(newAdmin("PRIVACY"), id).get("motivering").asText()).isEqualTo(MOTIVERING);
        assertThat(listed(beheerder1, id).get("status").asText()).isEqualTo("GOEDGEKEURD");
    }

    /**
     * A delivery withheld at delivery time may have used up its attempts before (a partner that was down, then the
     * consent was revoked): the release starts a new round of attempts, so it still goes out.
     */
    @Test
    void aReleaseIsDeliveredAlsoWhenTheDeliveryUsedItsAttemptsBefore() {
        Example message = withheldOverdracht();
        jdbc.update("update bezorging set pogingen = 4 where bericht_id = ?::uuid and ontvanger = ?", message.berichtId(), RECIPIENT);

        Admin beheerder1 = newAdmin("BEHEERDER");
        Admin beheerder2 = newAdmin("BEHEERDER");
        HttpResponse<String> requested = adminPost(beheerder1, "/beheer/api/v1/doorbraken", request(message, MOTIVERING));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String id = json(requested).get("id").asText();
        assertThat(adminPost(beheerder2, "/beheer/api/v1/doorbraken/" + id + "/goedkeuring", null).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> "DELIVERED".equals(statuses("hvht", message.berichtId()).get(RECIPIENT)));
        assertThat(received(RECIPIENT)).hasSize(1);
    }

    @Test
    void aRefusedRequestReleasesNothingAndOnlyAWithheldDeliveryCanBeRequested() {
        Example message = withheldOverdracht();
        Admin beheerder1 = newAdmin("BEHEERDER");
        HttpResponse<String> requested = adminPost(beheerder1, "/beheer/api/v1/doorbraken", request(message, MOTIVERING));
        String id = json(requested).get("id").asText();
        HttpResponse<String> refused = adminPost(newAdmin("BEHEERDER"), "/beheer/api/v1/doorbraken/" + id + "/afwijzing", null);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(json(refused).get("status").asText()).isEqualTo("AFGEWEZEN");
        assertThat(adminPost(newAdmin("BEHEERDER"), "/beheer/api/v1/doorbraken/" + id + "/goedkeuring", null).statusCode()).isEqualTo(409);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> received(RECIPIENT).isEmpty() && "WITHHELD".equals(statuses("hvht", message.berichtId()).get(RECIPIENT)));
        assertThat(jdbc.queryForObject("select count(*) from audit_record where bericht_id = ? and stap = 'BREAK_GLASS_DECIDED'"
                + " and uitkomst = 'AFGEWEZEN'", Integer.class, message.berichtId())).isEqualTo(1);

        // A delivered message cannot be "released"; neither can an unknown one.
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, RECIPIENT);
        Example delivered = example("overdracht", deelnemer);
        assertThat(submit("hvht", delivered.xml()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(statuses("hvht", delivered.berichtId()).get(RECIPIENT)));
        HttpResponse<String> notWithheld = adminPost(beheerder1, "/beheer/api/v1/doorbraken", request(delivered, MOTIVERING));
        assertThat(notWithheld.statusCode()).isEqualTo(409);
        assertThat(json(notWithheld).get("code").asText()).isEqualTo("DOORBRAAK_NIET_MOGELIJK");
        assertThat(adminPost(beheerder1, "/beheer/api/v1/doorbraken",
                request(example("overdracht", deelnemer), MOTIVERING)).statusCode()).isEqualTo(409);
    }

    /** An overdracht about a participant without any consent: withheld for every recipient at intake. */
    private Example withheldOverdracht() {
        Example message = example("overdracht", newParticipant());
        HttpResponse<String> accepted = submit("hvht", message.xml());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        Map<String, String> statuses = awaitSettled("hvht", message.berichtId());
        assertThat(statuses).containsEntry(RECIPIENT, "WITHHELD");
        assertThat(statuses.values()).containsOnly("WITHHELD");
        return message;
    }

    private static Map<String, String> request(Example message, String motivering) {
        return Map.of("berichtId", message.berichtId(), "ontvanger", RECIPIENT, "motivering", motivering);
    }

    private static List<LoggedRequest> received(String partner) {
        return PARTNERS.findAll(postRequestedFor(urlPathEqualTo("/ontvangst/" + partner)));
    }

    private static JsonNode listed(Admin admin, String id) {
        HttpResponse<String> list = adminGet(admin, "/beheer/api/v1/doorbraken?status=GOEDGEKEURD");
        assertThat(list.statusCode()).isEqualTo(200);
        for (JsonNode item : json(list)) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("break-glass request not listed: " + id);
    }
}
