package nl.hvht.ketenpoort.consent;

import static nl.hvht.ketenpoort.support.ProblemJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Consent enforcement end to end: at intake (no consent, a category or the purpose not covered, consent for
 * only some recipients), again before delivery (revoked while queued), who may manage consent, and the
 * consent log. What is withheld never reaches the partner: the tests count the partner's requests.
 */
class ConsentEnforcementIT extends GatewayTestSupport {

    private static final String ENSCHEDE = "gemeente-enschede";
    private static final String RECLASSERING = "reclassering-nederland";
    private static final String TRANSFORE = "transfore";

    @Autowired
    private CamelContext camelContext;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void withoutConsentEveryRecipientIsWithheldAndNothingIsSent() {
        Example overdracht = example("overdracht", newParticipant());

        HttpResponse<String> response = submit("hvht", overdracht.xml());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(statusesWithReason(json(response)))
                .isEqualTo(Map.of(ENSCHEDE, "WITHHELD NO_CONSENT", RECLASSERING, "WITHHELD NO_CONSENT"));
        assertThat(awaitSettled("hvht", overdracht.berichtId()))
                .isEqualTo(Map.of(ENSCHEDE, "WITHHELD", RECLASSERING, "WITHHELD"));
        assertThat(requestsFor(overdracht.berichtId())).isEmpty();
    }

    @Test
    void consentNotCoveringARequiredCategoryOrThePurposeWithholdsTheMessage() {
        String deelnemer = newParticipant();
        // Detentie is required in an overdracht (ketenpoort.consent.withholding): without it nothing goes.
        Set<String> withoutDetentie = ALL_CATEGORIES.stream().filter(c -> !c.equals("detentie")).collect(Collectors.toSet());
        registerConsent(deelnemer, List.of(ENSCHEDE, RECLASSERING), withoutDetentie, ALL_PURPOSES);
        Example overdracht = example("overdracht", deelnemer);

        HttpResponse<String> response = submit("hvht", overdracht.xml());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(statusesWithReason(json(response))).isEqualTo(
                Map.of(ENSCHEDE, "WITHHELD CATEGORY_NOT_COVERED", RECLASSERING, "WITHHELD CATEGORY_NOT_COVERED"));
        assertThat(requestsFor(overdracht.berichtId())).isEmpty();

        String other = newParticipant();
        registerConsent(other, List.of(ENSCHEDE, RECLASSERING), ALL_CATEGORIES, Set.of("toezicht", "behandeling"));
        Example nazorg = example("overdracht", other);

        HttpResponse<String> purpose = submit("hvht", nazorg.xml());

        assertThat(purpose.statusCode()).isEqualTo(202);
        assertThat(statusesWithReason(json(purpose))).isEqualTo(
                Map.of(ENSCHEDE, "WITHHELD PURPOSE_NOT_COVERED", RECLASSERING, "WITHHELD PURPOSE_NOT_COVERED"));
        assertThat(awaitSettled("hvht", nazorg.berichtId())).isEqualTo(Map.of(ENSCHEDE, "WITHHELD", RECLASSERING, "WITHHELD"));
        assertThat(requestsFor(nazorg.berichtId())).isEmpty();
    }

    @Test
    void consentForOneOfTwoRecipientsDeliversToThatOneOnly() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, ENSCHEDE);
        Example overdracht = example("overdracht", deelnemer);

        assertThat(submit("hvht", overdracht.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", overdracht.berichtId()))
                .isEqualTo(Map.of(ENSCHEDE, "DELIVERED", RECLASSERING, "WITHHELD"));
        assertThat(statusesWithReason(json(get("hvht", "/api/v1/berichten/" + overdracht.berichtId()))))
                .containsEntry(RECLASSERING, "WITHHELD NO_CONSENT");
        assertThat(ENDPOINTS.served(ENSCHEDE, overdracht.berichtId())).hasSize(1);
        assertThat(ENDPOINTS.served(RECLASSERING, overdracht.berichtId())).isEmpty();
    }

    @Test
    void consentRevokedWhileQueuedWithholdsTheDelivery() throws Exception {
        String deelnemer = newParticipant();
        String verklaring = registerFullConsent(deelnemer, TRANSFORE);
        Example verwijzing = example("verwijzing", deelnemer);
        // Every POST stops before it leaves (no route to send it): the first attempt fails and is retried after the backoff,
        // when the consent check at delivery sees the revocation.
        String route = "deliver";

        camelContext.getRouteController().stopRoute(route);
        try {
            HttpResponse<String> response = submit("hvht", verwijzing.xml());
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(statusesWithReason(json(response))).isEqualTo(Map.of(TRANSFORE, "QUEUED"));

            HttpResponse<String> revoked = send("hvht",
                    HttpRequest.newBuilder(api("/api/v1/toestemmingen/" + verklaring)).DELETE());
            assertThat(revoked.statusCode()).isEqualTo(204);
        } finally {
            camelContext.getRouteController().startRoute(route);
        }

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(TRANSFORE, "WITHHELD"));
        assertThat(statusesWithReason(json(get("hvht", "/api/v1/berichten/" + verwijzing.berichtId()))))
                .isEqualTo(Map.of(TRANSFORE, "WITHHELD REVOKED"));
        assertThat(requestsFor(verwijzing.berichtId())).isEmpty();
    }

    @Test
    void onlyTheConsentRegistrarManagesConsentAndInvalidInputIsRefusedWithoutPersonalData() throws Exception {
        String deelnemer = newParticipant();
        String valid = consentJson(deelnemer, Set.of("identificatie"));

        HttpResponse<String> forbidden = postConsent(ENSCHEDE, valid);

        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertProblem(forbidden, "FORBIDDEN");
        assertThat(forbidden.body()).doesNotContain(deelnemer);

        String verklaring = registerFullConsent(deelnemer, TRANSFORE);
        HttpResponse<String> revokeForbidden = send(ENSCHEDE,
                HttpRequest.newBuilder(api("/api/v1/toestemmingen/" + verklaring)).DELETE());
        assertThat(revokeForbidden.statusCode()).isEqualTo(403);
        assertProblem(revokeForbidden, "FORBIDDEN");
        HttpResponse<String> stillValid = get("hvht", "/api/v1/toestemmingen/" + verklaring);
        assertThat(stillValid.statusCode()).isEqualTo(200);
        assertThat(json(stillValid).get("ingetrokkenOp").isNull()).isTrue();

        HttpResponse<String> invalid = postConsent("hvht", consentJson(deelnemer, Set.of("identificatie", "horoscoop")));

        assertThat(invalid.statusCode()).isEqualTo(400);
        assertProblem(invalid, "VALIDATION_FAILED");
        assertThat(invalid.body()).doesNotContain(deelnemer).doesNotContain("horoscoop");
    }

    @Test
    void theConsentLogHoldsBothDecisionsWithTheirGroundAndNoParticipantId() {
        String deelnemer = newParticipant();
        String verklaring = registerFullConsent(deelnemer, TRANSFORE);
        Example verwijzing = example("verwijzing", deelnemer);

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(TRANSFORE, "DELIVERED"));

        List<Map<String, Object>> rows = jdbc.queryForList(
                "select * from toestemmingsbesluit where bericht_id = ? order by id", verwijzing.berichtId());
        assertThat(rows).extracting(row -> row.get("fase")).containsExactly("INTAKE", "BEZORGING");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("ontvanger")).isEqualTo(TRANSFORE);
            assertThat(row.get("uitkomst")).isEqualTo("ALLOWED");
            assertThat(String.valueOf(row.get("verklaring_id"))).isEqualTo(verklaring);
            assertThat(row.get("reden")).isNull();
            assertThat(row.get("doel")).isEqualTo("behandeling");
            assertThat((String) row.get("deelnemer_pseudoniem")).isNotBlank();
            assertThat(row.values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(deelnemer));
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** Per recipient "STATUS" or "STATUS REASON" from a status JSON. */
    private static Map<String, String> statusesWithReason(JsonNode status) {
        Map<String, String> result = new TreeMap<>();
        status.get("ontvangers").forEach(r -> result.put(r.get("ontvanger").asText(),
                r.get("status").asText() + (r.path("reden").isTextual() ? " " + r.get("reden").asText() : "")));
        return result;
    }

    /** Every partner request for this berichtId, whatever the partner. */
    private static List<ServeEvent> requestsFor(String berichtId) {
        return PARTNERS.getAllServeEvents().stream()
                .filter(e -> berichtId.equals(e.getRequest().getHeader("Idempotency-Key")))
                .toList();
    }

    private static String consentJson(String deelnemer, Set<String> categorieen) throws Exception {
        return JSON.writeValueAsString(Map.of(
                "deelnemer", deelnemer,
                "ontvangers", List.of(TRANSFORE),
                "categorieen", categorieen,
                "doelen", Set.of("behandeling"),
                "geldigVan", Instant.now().minus(1, ChronoUnit.DAYS).toString(),
                "geldigTot", Instant.now().plus(30, ChronoUnit.DAYS).toString()));
    }

    private HttpResponse<String> postConsent(String partner, String body) {
        return send(partner, HttpRequest.newBuilder(api("/api/v1/toestemmingen"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
