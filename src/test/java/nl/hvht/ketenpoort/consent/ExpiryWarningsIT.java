package nl.hvht.ketenpoort.consent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Expiry warnings end to end: a verklaring ending within the horizon, and a participant whose consent ends before
 * the release date of his overdracht (noted by the pipeline in {@code deelnemer_mijlpaal}: the record step calls
 * {@link Mijlpalen#noteFrom} once the ledger stored the message).
 */
class ExpiryWarningsIT extends GatewayTestSupport {

    private static final String ENSCHEDE = "gemeente-enschede";
    private static final String RECLASSERING = "reclassering-nederland";
    private static final String PATH = "/api/v1/toestemmingen/waarschuwingen";

    @Test
    void aVerklaringEndingInFiveDaysShowsWithinSevenDaysNotWithinThree() {
        String deelnemer = newParticipant();
        String verklaring = registerUntil(deelnemer, Instant.now().plus(Duration.ofDays(5)));

        JsonNode seven = warnings("?dagen=7");
        assertThat(seven.get("dagen").asInt()).isEqualTo(7);
        assertThat(list(seven.get("verlopend"))).filteredOn(w -> w.get("id").asText().equals(verklaring))
                .singleElement().satisfies(w -> {
                    assertThat(w.get("deelnemer").asText()).isEqualTo(deelnemer);
                    assertThat(w.get("versie").asInt()).isEqualTo(1);
                    assertThat(w.get("dagenOver").asLong()).isEqualTo(5);
                    assertThat(w.get("geldigTot").asText()).isNotEmpty();
                });
        assertThat(ids(warnings("?dagen=3").get("verlopend"))).doesNotContain(verklaring);
        JsonNode byDefault = warnings("");
        assertThat(byDefault.get("dagen").asInt()).isEqualTo(30);
        assertThat(ids(byDefault.get("verlopend"))).contains(verklaring);

        send("hvht", HttpRequest.newBuilder(api("/api/v1/toestemmingen/" + verklaring)).DELETE());
        assertThat(ids(warnings("?dagen=7").get("verlopend"))).as("a revoked verklaring no longer expires").doesNotContain(verklaring);
    }

    @Test
    void aParticipantWhoseConsentEndsBeforeHisReleaseShows() {
        LocalDate release = LocalDate.now(ZoneId.of("Europe/Amsterdam")).plusDays(60);
        String shortConsent = newParticipant();
        String verklaring = registerUntil(shortConsent, Instant.now().plus(Duration.ofDays(10)));
        String longConsent = newParticipant();
        registerUntil(longConsent, Instant.now().plus(Duration.ofDays(200)));
        String noConsent = newParticipant();
        for (String deelnemer : List.of(shortConsent, longConsent, noConsent)) {
            Message overdracht = overdracht(deelnemer, release);
            assertThat(submit("hvht", overdracht.xml()).statusCode()).isEqualTo(202);
            awaitSettled("hvht", overdracht.berichtId());
        }

        List<JsonNode> found = list(warnings("?dagen=7").get("eindigtVoorUitstroom"));

        assertThat(found).filteredOn(w -> w.get("deelnemer").asText().equals(shortConsent)).singleElement().satisfies(w -> {
            assertThat(w.get("soort").asText()).isEqualTo("UITSTROOM");
            assertThat(w.get("datum").asText()).isEqualTo(release.toString());
            assertThat(w.get("verklaringId").asText()).isEqualTo(verklaring);
            assertThat(Instant.parse(w.get("geldigTot").asText())).isBefore(Instant.now().plus(Duration.ofDays(11)));
        });
        assertThat(found).filteredOn(w -> w.get("deelnemer").asText().equals(noConsent)).singleElement().satisfies(w -> {
            assertThat(w.get("geldigTot").isNull()).isTrue();
            assertThat(w.get("verklaringId").isNull()).isTrue();
        });
        assertThat(found).noneMatch(w -> w.get("deelnemer").asText().equals(longConsent));

        // A later overdracht moves the date: the latest message wins, still one row per participant and kind.
        LocalDate postponed = release.plusDays(30);
        Message later = overdracht(shortConsent, postponed);
        assertThat(submit("hvht", later.xml()).statusCode()).isEqualTo(202);
        assertThat(list(warnings("?dagen=7").get("eindigtVoorUitstroom")))
                .filteredOn(w -> w.get("deelnemer").asText().equals(shortConsent))
                .extracting(w -> w.get("soort").asText() + " " + w.get("datum").asText())
                .containsExactly("UITSTROOM " + postponed);
    }

    @Test
    void theHorizonIsValidatedAndOnlyTheRegistrarMayAsk() {
        for (String dagen : List.of("0", "367", "-1", "abc")) {
            HttpResponse<String> response = get("hvht", PATH + "?dagen=" + dagen);
            assertThat(response.statusCode()).as("dagen=" + dagen).isEqualTo(400);
            assertThat(json(response).get("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(get("hvht", PATH + "?dagen=366").statusCode()).isEqualTo(200);
        assertThat(get("hvht", PATH + "?dagen=1").statusCode()).isEqualTo(200);
        HttpResponse<String> forbidden = get(ENSCHEDE, PATH);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(json(forbidden).get("code").asText()).isEqualTo("FORBIDDEN");
    }

    private JsonNode warnings(String query) {
        HttpResponse<String> response = get("hvht", PATH + query);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    /** An overdracht (to Enschede and Reclassering Nederland) with this release date. */
    private static Message overdracht(String deelnemer, LocalDate release) {
        Example example = example("overdracht", deelnemer);
        String xml = example.xml().replaceFirst("(<uitstroom>\\s*<soort>[^<]+</soort>\\s*<datum>)[^<]+(</datum>)",
                "$1" + release + "$2");
        assertThat(xml).contains("<datum>" + release + "</datum>");
        return new Message(example.berichtId(), xml);
    }

    private record Message(String berichtId, String xml) {
    }

    /** Full consent for Enschede and Reclassering Nederland until the given moment; returns the verklaring id. */
    private String registerUntil(String deelnemer, Instant geldigTot) {
        try {
            String body = JSON.writeValueAsString(Map.of(
                    "deelnemer", deelnemer,
                    "ontvangers", List.of(ENSCHEDE, RECLASSERING),
                    "categorieen", ALL_CATEGORIES,
                    "doelen", ALL_PURPOSES,
                    "geldigVan", Instant.now().minus(Duration.ofDays(1)).toString(),
                    "geldigTot", geldigTot.toString()));
            HttpResponse<String> response = send("hvht", HttpRequest.newBuilder(api("/api/v1/toestemmingen"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).isEqualTo(201);
            return json(response).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(JsonNode array) {
        return list(array).stream().map(w -> w.get("id").asText()).toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }
}
