package nl.hvht.ketenpoort.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Dead letters on the admin API: list, retry (consent checked again, limited), discard with a reason; BEHEERDER only. */
class DeadLettersIT extends GatewayTestSupport {

    private static final String PARTNER = "transfore";
    private static final String API = "/beheer/api/v1/dode-brieven";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aDeadLetterRetriedByABeheerderIsDeliveredExactlyOnceAfterAFreshConsentCheck() {
        ENDPOINTS.answers(PARTNER, aResponse().withStatus(503));
        Example message = verwijzingWithConsent();
        assertThat(submit("hvht", message.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        assertThat(ENDPOINTS.served(PARTNER, message.berichtId())).hasSize(4);

        // Listed for every admin role, metadata only, with its copy on the DLQ.
        Admin kijker = newAdmin("KIJKER");
        await().atMost(Duration.ofSeconds(10)).until(() -> listed(kijker, message.berichtId()) != null
                && listed(kijker, message.berichtId()).get("opDlq").asBoolean());
        JsonNode listed = listed(kijker, message.berichtId());
        assertThat(listed.get("reden").asText()).isEqualTo("HTTP_503");
        assertThat(listed.get("pogingen").asInt()).isEqualTo(4);
        assertThat(listed.get("herkansingen").asInt()).isZero();
        assertThat(listed.get("maxHerkansingen").asInt()).isEqualTo(3);
        assertThat(listed.toString()).doesNotContain("T-").doesNotContain("<");

        // KIJKER and PRIVACY cannot retry; nothing happens.
        Map<String, Object> selection = Map.of("items", List.of(item(message)));
        assertThat(adminPost(kijker, API + "/herkansing", selection).statusCode()).isEqualTo(403);
        assertThat(adminPost(newAdmin("PRIVACY"), API + "/herkansing", selection).statusCode()).isEqualTo(403);
        assertThat(statuses("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        int decisionsBefore = deliveryDecisions(message.berichtId());
        assertThat(decisionsBefore).isEqualTo(4);

        ENDPOINTS.answers(PARTNER, aResponse().withStatus(200));
        Admin beheerder = newAdmin("BEHEERDER");
        HttpResponse<String> retried = adminPost(beheerder, API + "/herkansing", selection);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json(retried).get("resultaten").get(0).get("resultaat").asText()).isEqualTo("OPNIEUW_AANGEBODEN");

        assertThat(awaitSettled("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> ENDPOINTS.served(PARTNER, message.berichtId()).stream().filter(e -> e.getResponse().getStatus() == 200).count() == 1);
        assertThat(ENDPOINTS.served(PARTNER, message.berichtId())).hasSize(5);
        // The consent check ran again for the retried attempt; it is no open dead letter; the attempt counter was not reset.
        assertThat(deliveryDecisions(message.berichtId())).isEqualTo(decisionsBefore + 1);
        assertThat(openDeadLetters(message.berichtId())).isZero();
        assertThat(jdbc.queryForMap("select pogingen, herkansingen from bezorging where bericht_id = ?::uuid and ontvanger = ?",
                message.berichtId(), PARTNER)).containsEntry("pogingen", 5).containsEntry("herkansingen", 1);
        assertThat(listed(kijker, message.berichtId())).isNull();
        assertThat(audit(message.berichtId())).anySatisfy(r -> assertThat(r).containsEntry("stap", "DEAD_LETTER_RETRIED")
                .containsEntry("afzender", "beheerder:" + beheerder.naam()).containsEntry("ontvanger", PARTNER)
                .containsEntry("reden", "herkansing:1/3"));

        // Delivered now: no second retry.
        HttpResponse<String> again = adminPost(beheerder, API + "/herkansing", selection);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("DODE_BRIEF_NIET_MOGELIJK");
    }

    @Test
    void retriesBeyondTheLimitAreRefusedSoNothingLoopsForever() {
        ENDPOINTS.answers(PARTNER, aResponse().withStatus(400));
        Example message = verwijzingWithConsent();
        assertThat(submit("hvht", message.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        Admin beheerder = newAdmin("BEHEERDER");
        Map<String, Object> selection = Map.of("items", List.of(item(message)));

        for (int retry = 1; retry <= 3; retry++) {
            int expectedRequests = retry + 1;
            HttpResponse<String> retried = adminPost(beheerder, API + "/herkansing", selection);
            assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
            // Each retry is a new round of attempts in the ledger, and fails for good again.
            await().atMost(Duration.ofSeconds(20)).until(() -> ENDPOINTS.served(PARTNER, message.berichtId()).size() == expectedRequests
                    && "FAILED".equals(statuses("hvht", message.berichtId()).get(PARTNER)) && openDeadLetters(message.berichtId()) == 1);
        }
        HttpResponse<String> refused = adminPost(beheerder, API + "/herkansing", selection);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).get("code").asText()).isEqualTo("HERKANSING_LIMIET_BEREIKT");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> ENDPOINTS.served(PARTNER, message.berichtId()).size() == 4);
        assertThat(jdbc.queryForObject("select herkansingen from bezorging where bericht_id = ?::uuid and ontvanger = ?", Integer.class,
                message.berichtId(), PARTNER)).isEqualTo(3);
    }

    @Test
    void aDiscardedDeadLetterStaysFailedWithItsReasonOnlyInTheLedger() {
        ENDPOINTS.answers(PARTNER, aResponse().withStatus(400));
        Example message = verwijzingWithConsent();
        assertThat(submit("hvht", message.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        await().atMost(Duration.ofSeconds(10)).until(() -> openDeadLetters(message.berichtId()) == 1);
        String reden = "Per post aan mevrouw Jansen verstuurd";
        Map<String, Object> discard = Map.of("items", List.of(item(message)), "code", "ANDERS_BEZORGD", "reden", reden);

        assertThat(adminPost(newAdmin("KIJKER"), API + "/afvoer", discard).statusCode()).isEqualTo(403);
        Admin beheerder = newAdmin("BEHEERDER");
        HttpResponse<String> discarded = adminPost(beheerder, API + "/afvoer", discard);
        assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
        assertThat(json(discarded).get("resultaten").get(0).get("resultaat").asText()).isEqualTo("AFGEVOERD");

        assertThat(statuses("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        assertThat(openDeadLetters(message.berichtId())).isZero();
        assertThat(listed(beheerder, message.berichtId())).isNull();
        JsonNode all = find(json(adminGet(beheerder, API + "?inclusiefAfgevoerd=true")), message.berichtId());
        assertThat(all.get("afvoerCode").asText()).isEqualTo("ANDERS_BEZORGD");
        assertThat(all.get("afgevoerdDoor").asText()).isEqualTo(beheerder.naam());
        assertThat(all.toString()).doesNotContain("Jansen");
        assertThat(jdbc.queryForObject("select afvoer_reden from bezorging where bericht_id = ?::uuid and ontvanger = ?", String.class,
                message.berichtId(), PARTNER)).isEqualTo(reden);
        assertThat(audit(message.berichtId())).anySatisfy(r -> assertThat(r).containsEntry("stap", "DEAD_LETTER_DISCARDED")
                .containsEntry("afzender", "beheerder:" + beheerder.naam()).containsEntry("reden", "ANDERS_BEZORGD"));
        assertThat(jdbc.queryForObject("select count(*) from audit_record where reden like '%Jansen%'", Integer.class)).isZero();

        // Discarded is final: no retry, no second discard.
        HttpResponse<String> retry = adminPost(beheerder, API + "/herkansing", Map.of("items", List.of(item(message))));
        assertThat(retry.statusCode()).isEqualTo(409);
        assertThat(json(retry).get("code").asText()).isEqualTo("DODE_BRIEF_NIET_MOGELIJK");
        assertThat(adminPost(beheerder, API + "/afvoer", discard).statusCode()).isEqualTo(409);
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private Example verwijzingWithConsent() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, PARTNER);
        return example("verwijzing", deelnemer);
    }

    private static Map<String, String> item(Example message) {
        return Map.of("berichtId", message.berichtId(), "ontvanger", PARTNER);
    }

    private static JsonNode listed(Admin admin, String berichtId) {
        HttpResponse<String> response = adminGet(admin, API);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return find(json(response), berichtId);
    }

    private static JsonNode find(JsonNode list, String berichtId) {
        for (JsonNode entry : list) {
            if (berichtId.equals(entry.get("berichtId").asText())) {
                return entry;
            }
        }
        return null;
    }

    /** Open dead letters of this message: FAILED, not discarded (the ledger keeps them; no broker copy). */
    private int openDeadLetters(String berichtId) {
        return jdbc.queryForObject("select count(*) from bezorging where bericht_id = ?::uuid and status = 'FAILED'"
                + " and afgevoerd_op is null", Integer.class, berichtId);
    }

    private int deliveryDecisions(String berichtId) {
        return jdbc.queryForObject("select count(*) from toestemmingsbesluit where bericht_id = ? and fase = 'BEZORGING'",
                Integer.class, berichtId);
    }

    private List<Map<String, Object>> audit(String berichtId) {
        return jdbc.queryForList("select stap, afzender, ontvanger, uitkomst, reden from audit_record where bericht_id = ?"
                + " order by volgnummer", berichtId);
    }
}
