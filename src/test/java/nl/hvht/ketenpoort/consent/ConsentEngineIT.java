package nl.hvht.ketenpoort.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.ReceivedSignature;
import nl.hvht.ketenpoort.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The consent engine end to end: provisions with deny exceptions giving recipients different cuts of one message,
 * the grounds in the signed copy, consent registered, changed and revoked by messages, a legal task, a new
 * version between intake and delivery, and a new version with a start in the future (the gateway's clock moved).
 */
class ConsentEngineIT extends GatewayTestSupport {

    private static final String ENSCHEDE = "gemeente-enschede";
    private static final String RECLASSERING = "reclassering-nederland";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private TestClock clock;

    /** Every kind of partner gets everything, except that municipalities get no health or treatment data. */
    private String registerWithDeny(String deelnemer) throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "deelnemer", deelnemer,
                "geldigVan", Instant.now().minus(1, ChronoUnit.DAYS).toString(),
                "geldigTot", Instant.now().plus(365, ChronoUnit.DAYS).toString(),
                "bepalingen", List.of(Map.of(
                        "actoren", List.of("soort:gemeente", "soort:reclassering"),
                        "categorieen", ALL_CATEGORIES,
                        "doelen", ALL_PURPOSES,
                        "uitzonderingen", List.of(Map.of("actoren", List.of("soort:gemeente"),
                                "categorieen", List.of("gezondheid", "behandeling")))))));
        HttpResponse<String> response = send("hvht", HttpRequest.newBuilder(api("/api/v1/toestemmingen"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).get("id").asText();
    }

    private String received(String berichtId, String partner) throws Exception {
        List<ServeEvent> events = ENDPOINTS.served(partner, berichtId).stream()
                .filter(e -> e.getResponse().getStatus() == 200)
                .toList();
        assertThat(events).hasSize(1);
        return new String(ReceivedSignature.verify(events.get(0).getRequest().getBody()), StandardCharsets.UTF_8);
    }

    private static Map<String, JsonNode> recipients(JsonNode status) {
        Map<String, JsonNode> byId = new java.util.TreeMap<>();
        status.get("ontvangers").forEach(r -> byId.put(r.get("ontvanger").asText(), r));
        return byId;
    }

    @Test
    void eachRecipientGetsItsOwnCutWithTheGroundsItWentOutOn() throws Exception {
        String deelnemer = newParticipant();
        String verklaring = registerWithDeny(deelnemer);
        Example overdracht = example("overdracht", deelnemer);

        HttpResponse<String> response = submit("hvht", overdracht.xml());

        assertThat(response.statusCode()).isEqualTo(202);
        Map<String, JsonNode> intake = recipients(json(response));
        assertThat(intake.get(ENSCHEDE).get("ingehouden").toString()).isEqualTo("[\"behandeling\",\"gezondheid\"]");
        assertThat(intake.get(RECLASSERING).get("ingehouden").toString()).isEqualTo("[]");
        assertThat(awaitSettled("hvht", overdracht.berichtId())).isEqualTo(Map.of(ENSCHEDE, "DELIVERED", RECLASSERING, "DELIVERED"));

        String gemeente = received(overdracht.berichtId(), ENSCHEDE);
        assertThat(gemeente).doesNotContain("<gezondheid>").doesNotContain("<behandeling>")
                .contains("<ingehoudenCategorie>behandeling</ingehoudenCategorie>")
                .contains("<ingehoudenCategorie>gezondheid</ingehoudenCategorie>")
                .contains("<persoonsgegevens>").contains("<basisvoorwaarden>")
                .contains("<verstrekking>").contains("<ontvanger>" + ENSCHEDE + "</ontvanger>")
                .contains("<verklaringId>" + verklaring + "</verklaringId>").contains("<versie>1</versie>");
        String reclassering = received(overdracht.berichtId(), RECLASSERING);
        assertThat(reclassering).contains("<gezondheid>").contains("<behandeling>").doesNotContain("<ingehoudenCategorie>")
                .contains("<ontvanger>" + RECLASSERING + "</ontvanger>").contains("<verklaringId>" + verklaring);

        assertThat(jdbc.queryForList("select ontvanger, fase, grondslag, ingehouden from toestemmingsbesluit"
                        + " where bericht_id = ? order by ontvanger, fase", overdracht.berichtId()))
                .extracting(row -> row.get("ontvanger") + " " + row.get("fase") + " " + row.get("grondslag") + " " + row.get("ingehouden"))
                .containsExactly(
                        ENSCHEDE + " BEZORGING toestemming:" + verklaring + "@v1 behandeling,gezondheid",
                        ENSCHEDE + " INTAKE toestemming:" + verklaring + "@v1 behandeling,gezondheid",
                        RECLASSERING + " BEZORGING toestemming:" + verklaring + "@v1 ",
                        RECLASSERING + " INTAKE toestemming:" + verklaring + "@v1 ");
        assertThat(jdbc.queryForList("select verklaring_versie from bezorging where bericht_id = ?::uuid", Integer.class,
                overdracht.berichtId())).containsOnly(1);
    }

    @Test
    void consentMessagesRegisterChangeAndRevokeThroughThePipeline() throws Exception {
        String deelnemer = newParticipant();
        Example verklaringMessage = consentMessage("toestemmingsverklaring", deelnemer, null);

        HttpResponse<String> registered = submit("hvht", verklaringMessage.xml());

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(202);
        String verwerking = json(registered).get("verwerking").asText();
        assertThat(verwerking).matches("toestemming:[0-9a-f-]{36}@v1");
        assertThat(json(registered).get("ontvangers")).isEmpty();
        String verklaring = verwerking.substring("toestemming:".length(), verwerking.indexOf('@'));
        assertThat(submit("hvht", verklaringMessage.xml()).headers().firstValue("Ketenpoort-Duplicaat")).contains("true");
        assertThat(jdbc.queryForObject("select count(*) from toestemmingsverklaring where deelnemer_id = ?", Integer.class,
                deelnemer)).isEqualTo(1);

        // The uitstroomgemeente may have what the verklaring allows; health is withheld, probation has no ground.
        Example overdracht = example("overdracht", deelnemer);
        Map<String, JsonNode> first = recipients(json(submit("hvht", overdracht.xml())));
        assertThat(first.get(ENSCHEDE).get("status").asText()).isIn("ACCEPTED", "QUEUED", "DELIVERED");
        assertThat(first.get(ENSCHEDE).get("ingehouden").toString()).isEqualTo("[\"gezondheid\",\"netwerk\",\"risico\"]");
        assertThat(first.get(RECLASSERING).get("status").asText() + " " + first.get(RECLASSERING).get("reden").asText())
                .isEqualTo("WITHHELD PURPOSE_NOT_COVERED");

        HttpResponse<String> changed = submit("hvht", consentMessage("toestemmingsverklaring", deelnemer, verklaring).xml());
        assertThat(json(changed).get("verwerking").asText()).isEqualTo("toestemming:" + verklaring + "@v2");

        HttpResponse<String> revoked = submit("hvht", consentMessage("intrekking", deelnemer, verklaring).xml());
        assertThat(revoked.statusCode()).isEqualTo(202);
        assertThat(json(revoked).get("verwerking").asText()).isEqualTo("ingetrokken:" + verklaring);
        Example after = example("overdracht", deelnemer);
        Map<String, JsonNode> withheld = recipients(json(submit("hvht", after.xml())));
        assertThat(withheld.get(ENSCHEDE).get("reden").asText()).isEqualTo("REVOKED");

        // Only the consent registrar manages consent; another participant's verklaring cannot be named.
        assertThat(json(submit("transfore", consentMessage("toestemmingsverklaring", deelnemer, null).xml()
                .replace("<afzender>hvht</afzender>", "<afzender>transfore</afzender>"))).get("code").asText())
                .isEqualTo("FORBIDDEN");
        assertThat(json(submit("hvht", consentMessage("intrekking", newParticipant(), verklaring).xml())).get("code").asText())
                .isEqualTo("NOT_FOUND");
    }

    @Test
    void aDetentiemeldingGoesToTheMunicipalityOfResidenceOnItsLegalTaskOnly() throws Exception {
        String deelnemer = newParticipant();
        Example melding = example("detentiemelding", deelnemer);

        HttpResponse<String> response = submit("hvht", melding.xml());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", melding.berichtId())).isEqualTo(Map.of("gemeente-almelo", "DELIVERED"));
        assertThat(received(melding.berichtId(), "gemeente-almelo"))
                .contains("<wettelijkeTaak>detentiemelding-woongemeente</wettelijkeTaak>").contains("<detentie>");
        assertThat(jdbc.queryForList("select grondslag from toestemmingsbesluit where bericht_id = ?", String.class,
                melding.berichtId())).containsOnly("wettelijke-taak:detentiemelding-woongemeente");

        // The legal task covers that flow only: an overdracht about him has no ground.
        Example overdracht = example("overdracht", deelnemer);
        assertThat(recipients(json(submit("hvht", overdracht.xml()))).values())
                .allSatisfy(r -> assertThat(r.get("reden").asText()).isEqualTo("NO_CONSENT"));
    }

    @Test
    void aNewVersionBetweenIntakeAndDeliveryIsWhatTheCopyGoesOutUnder() throws Exception {
        String deelnemer = newParticipant();
        String verklaring = registerFullConsent(deelnemer, ENSCHEDE, RECLASSERING);
        // The municipality is slow and down: each attempt waits 1.5 s for a 503.
        PARTNERS.stubFor(post(urlPathEqualTo("/ontvangst/" + ENSCHEDE))
                .willReturn(aResponse().withStatus(503).withFixedDelay(1500)));
        Example overdracht = example("overdracht", deelnemer);
        assertThat(submit("hvht", overdracht.xml()).statusCode()).isEqualTo(202);
        awaitAttemptUnderWay(overdracht.berichtId());

        // While the first attempt is under way, the verklaring changes: no more health data for the municipality.
        // The change waits for that attempt (revocation fence), then the next attempt cuts and signs a new copy.
        String body = JSON.writeValueAsString(Map.of("deelnemer", deelnemer,
                "geldigVan", Instant.now().minus(1, ChronoUnit.DAYS).toString(),
                "geldigTot", Instant.now().plus(365, ChronoUnit.DAYS).toString(),
                "bepalingen", List.of(Map.of("actoren", List.of("partner:" + ENSCHEDE, "partner:" + RECLASSERING),
                        "categorieen", ALL_CATEGORIES, "doelen", ALL_PURPOSES,
                        "uitzonderingen", List.of(Map.of("actoren", List.of("partner:" + ENSCHEDE),
                                "categorieen", List.of("gezondheid")))))));
        HttpResponse<String> changed = send("hvht", HttpRequest.newBuilder(api("/api/v1/toestemmingen/" + verklaring))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("versie").asInt()).isEqualTo(2);

        // The second attempt goes out under version 2 and fails too; the broker then redelivers the message as it
        // was first queued (version 1): the third attempt must still send the ledger's version-2 copy.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> Integer.valueOf(2).equals(
                jdbc.queryForObject("select verklaring_versie from bezorging where bericht_id = ?::uuid and ontvanger = ?",
                        Integer.class, overdracht.berichtId(), ENSCHEDE)));
        // The second attempt has reached the partner (it answers 503 after its delay) before the partner recovers, so
        // the third attempt is the one that succeeds.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> PARTNERS.findAll(
                postRequestedFor(urlPathEqualTo("/ontvangst/" + ENSCHEDE))
                        .withHeader("Ketenpoort-BerichtId", equalTo(overdracht.berichtId()))).size() >= 2);
        PARTNERS.stubFor(post(urlPathEqualTo("/ontvangst/" + ENSCHEDE)).willReturn(aResponse().withStatus(200)));

        assertThat(awaitSettled("hvht", overdracht.berichtId())).isEqualTo(Map.of(ENSCHEDE, "DELIVERED", RECLASSERING, "DELIVERED"));
        assertThat(received(overdracht.berichtId(), ENSCHEDE)).doesNotContain("<gezondheid>")
                .contains("<ingehoudenCategorie>gezondheid</ingehoudenCategorie>").contains("<versie>2</versie>");
        assertThat(jdbc.queryForObject("select pogingen from bezorging where bericht_id = ?::uuid and ontvanger = ?",
                Integer.class, overdracht.berichtId(), ENSCHEDE)).isEqualTo(3);
        assertThat(jdbc.queryForList("select versie from toestemmingsversie where verklaring_id = ?::uuid order by versie",
                Integer.class, verklaring)).containsExactly(1, 2);
    }

    @Test
    void aVersionWithAFutureStartLeavesTheVersionBeforeItInForceUntilThatStart() throws Exception {
        String deelnemer = newParticipant();
        String verklaring = registerFullConsent(deelnemer, ENSCHEDE, RECLASSERING);
        // Version 2, registered now, in force from ten minutes on: no more health data for the municipality.
        Instant start = clock.instant().plus(Duration.ofMinutes(10));
        String body = JSON.writeValueAsString(Map.of("deelnemer", deelnemer,
                "geldigVan", start.toString(), "geldigTot", start.plus(365, ChronoUnit.DAYS).toString(),
                "bepalingen", List.of(Map.of("actoren", List.of("partner:" + ENSCHEDE, "partner:" + RECLASSERING),
                        "categorieen", ALL_CATEGORIES, "doelen", ALL_PURPOSES,
                        "uitzonderingen", List.of(Map.of("actoren", List.of("partner:" + ENSCHEDE),
                                "categorieen", List.of("gezondheid")))))));
        HttpResponse<String> changed = send("hvht", HttpRequest.newBuilder(api("/api/v1/toestemmingen/" + verklaring))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(json(changed).get("versie").asInt()).isEqualTo(2);
        try {
            // Before the start: version 1 decides, at intake and at delivery; the municipality gets the health section.
            Example before = example("overdracht", deelnemer);
            assertThat(submit("hvht", before.xml()).statusCode()).isEqualTo(202);
            assertThat(awaitSettled("hvht", before.berichtId())).isEqualTo(Map.of(ENSCHEDE, "DELIVERED", RECLASSERING, "DELIVERED"));
            assertThat(received(before.berichtId(), ENSCHEDE)).contains("<gezondheid>").doesNotContain("<ingehoudenCategorie>")
                    .contains("<versie>1</versie>");
            assertThat(grounds(before.berichtId())).containsExactly(
                    ENSCHEDE + " BEZORGING toestemming:" + verklaring + "@v1 ",
                    ENSCHEDE + " INTAKE toestemming:" + verklaring + "@v1 ",
                    RECLASSERING + " BEZORGING toestemming:" + verklaring + "@v1 ",
                    RECLASSERING + " INTAKE toestemming:" + verklaring + "@v1 ");

            // From the start (the gateway's clock moved on, nothing waited): version 2 decides.
            clock.advance(Duration.between(clock.instant(), start));
            Example after = example("overdracht", deelnemer);
            assertThat(submit("hvht", after.xml()).statusCode()).isEqualTo(202);
            assertThat(awaitSettled("hvht", after.berichtId())).isEqualTo(Map.of(ENSCHEDE, "DELIVERED", RECLASSERING, "DELIVERED"));
            assertThat(received(after.berichtId(), ENSCHEDE)).doesNotContain("<gezondheid>")
                    .contains("<ingehoudenCategorie>gezondheid</ingehoudenCategorie>").contains("<versie>2</versie>");
            assertThat(received(after.berichtId(), RECLASSERING)).contains("<gezondheid>").contains("<versie>2</versie>");
            assertThat(grounds(after.berichtId())).containsExactly(
                    ENSCHEDE + " BEZORGING toestemming:" + verklaring + "@v2 gezondheid",
                    ENSCHEDE + " INTAKE toestemming:" + verklaring + "@v2 gezondheid",
                    RECLASSERING + " BEZORGING toestemming:" + verklaring + "@v2 ",
                    RECLASSERING + " INTAKE toestemming:" + verklaring + "@v2 ");
        } finally {
            clock.reset();
        }
    }

    /** The consent log of a message: per recipient and phase the grounds and the withheld categories. */
    private List<String> grounds(String berichtId) {
        return jdbc.queryForList("select ontvanger, fase, grondslag, ingehouden from toestemmingsbesluit"
                        + " where bericht_id = ? order by ontvanger, fase", berichtId).stream()
                .map(row -> row.get("ontvanger") + " " + row.get("fase") + " " + row.get("grondslag") + " "
                        + (row.get("ingehouden") == null ? "" : row.get("ingehouden")))
                .toList();
    }

    private void awaitAttemptUnderWay(String berichtId) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> jdbc.queryForObject(
                "select poging_sinds from bezorging where bericht_id = ?::uuid and ontvanger = ?", java.sql.Timestamp.class,
                berichtId, ENSCHEDE) != null);
    }

    /** A Toestemmingsverklaring (valid from yesterday for a year) or Intrekking message for this participant. */
    private static Example consentMessage(String name, String deelnemer, String verklaringId) {
        Example example = example(name, deelnemer);
        String xml = example.xml()
                .replaceFirst("<geldigVan>[^<]+</geldigVan>", "<geldigVan>" + Instant.now().minus(1, ChronoUnit.DAYS) + "</geldigVan>")
                .replaceFirst("<geldigTot>[^<]+</geldigTot>", "<geldigTot>" + Instant.now().plus(365, ChronoUnit.DAYS) + "</geldigTot>");
        if (verklaringId != null) {
            xml = xml.contains("<verklaringId>")
                    ? xml.replaceFirst("<verklaringId>[^<]+</verklaringId>", "<verklaringId>" + verklaringId + "</verklaringId>")
                    : xml.replace("<toestemmingsverklaring>", "<toestemmingsverklaring>\n      <verklaringId>" + verklaringId
                            + "</verklaringId>");
        }
        return new Example(example.berichtId(), xml);
    }
}
