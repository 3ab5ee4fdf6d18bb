package nl.hvht.ketenpoort.consent;

import static nl.hvht.ketenpoort.support.ProblemJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The disclosure report (AVG art. 15) end to end: deliveries on consent and a withholding without it show up per
 * recipient with status, grounds and categories, as JSON and as a printable HTML page, for the consent registrar
 * only; every report read is audit-logged by pseudonym, never by participant id.
 */
class DisclosureReportIT extends GatewayTestSupport {

    private static final String ENSCHEDE = "gemeente-enschede";
    private static final String RECLASSERING = "reclassering-nederland";
    private static final String TRANSFORE = "transfore";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private Pseudonymizer pseudonymizer;

    @Test
    void reportListsEveryDeliveryAndWithholdingWithGroundsAndCategories() {
        String deelnemer = newParticipant();
        String verklaring = registerFullConsent(deelnemer, ENSCHEDE, RECLASSERING);
        Example overdracht = example("overdracht", deelnemer);
        Example verwijzing = example("verwijzing", deelnemer);
        assertThat(submit("hvht", overdracht.xml()).statusCode()).isEqualTo(202);
        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", overdracht.berichtId())).isEqualTo(Map.of(ENSCHEDE, "DELIVERED", RECLASSERING, "DELIVERED"));
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(TRANSFORE, "WITHHELD"));

        HttpResponse<String> response = report("hvht", deelnemer, "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        JsonNode report = json(response);
        assertThat(report.get("deelnemer").asText()).isEqualTo(deelnemer);
        assertThat(report.get("opgesteldDoor").asText()).isEqualTo("hvht");
        assertThat(summary(report)).containsExactly(
                ENSCHEDE + " verstrekt=1 ingehouden=0", RECLASSERING + " verstrekt=1 ingehouden=0",
                TRANSFORE + " verstrekt=0 ingehouden=1");

        List<JsonNode> deliveries = list(report.get("bezorgingen"));
        assertThat(deliveries).hasSize(3);
        for (String recipient : List.of(ENSCHEDE, RECLASSERING)) {
            JsonNode delivered = only(deliveries, overdracht.berichtId(), recipient);
            assertThat(delivered.get("status").asText()).isEqualTo("DELIVERED");
            assertThat(delivered.get("berichtType").asText()).isEqualTo("Overdracht");
            assertThat(delivered.get("reden").isNull()).isTrue();
            assertThat(list(delivered.get("grondslagen"))).extracting(g -> g.get("code").asText())
                    .containsExactly("toestemming:" + verklaring + "@v1");
            assertThat(texts(delivered.get("verstrekteCategorieen"))).contains("identificatie", "detentie");
            assertThat(texts(delivered.get("ingehoudenCategorieen"))).isEmpty();
        }
        JsonNode withheld = only(deliveries, verwijzing.berichtId(), TRANSFORE);
        assertThat(withheld.get("status").asText()).isEqualTo("WITHHELD");
        assertThat(withheld.get("reden").asText()).isEqualTo("NO_CONSENT");
        assertThat(list(withheld.get("grondslagen"))).isEmpty();
        assertThat(texts(withheld.get("verstrekteCategorieen"))).isEmpty();
        assertThat(texts(withheld.get("ingehoudenCategorieen"))).isNotEmpty();

        List<JsonNode> decisions = list(report.get("besluiten"));
        assertThat(decisions).anySatisfy(d -> {
            assertThat(d.get("berichtId").asText()).isEqualTo(verwijzing.berichtId());
            assertThat(d.get("fase").asText()).isEqualTo("INTAKE");
            assertThat(d.get("uitkomst").asText()).isEqualTo("DENIED");
            assertThat(d.get("reden").asText()).isEqualTo("NO_CONSENT");
        });
        assertThat(decisions).filteredOn(d -> d.get("berichtId").asText().equals(overdracht.berichtId())
                        && d.get("uitkomst").asText().equals("ALLOWED"))
                .extracting(d -> d.get("fase").asText()).contains("INTAKE", "BEZORGING");

        assertThat(list(report.get("verklaringen"))).singleElement().satisfies(v -> {
            assertThat(v.get("id").asText()).isEqualTo(verklaring);
            assertThat(v.get("versie").asInt()).isEqualTo(1);
            assertThat(v.get("laatsteVersie").asBoolean()).isTrue();
            assertThat(texts(v.get("bepalingen").get(0).get("actoren")))
                    .containsExactly("partner:" + ENSCHEDE, "partner:" + RECLASSERING);
        });
        assertAudited(deelnemer, 1);
    }

    @Test
    void htmlPageIsPrintableDutchAndEscaped() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, ENSCHEDE, RECLASSERING);
        Example overdracht = example("overdracht", deelnemer);
        Example verwijzing = example("verwijzing", deelnemer);
        submit("hvht", overdracht.xml());
        submit("hvht", verwijzing.xml());
        awaitSettled("hvht", overdracht.berichtId());
        awaitSettled("hvht", verwijzing.berichtId());

        HttpResponse<String> response = report("hvht", deelnemer, "text/html");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(p -> assertThat(p).contains("default-src 'none'"));
        String html = response.body();
        assertThat(html).contains("Overzicht van verstrekkingen", deelnemer, "Ontvanger: " + ENSCHEDE,
                "Ontvanger: " + RECLASSERING, "Ontvanger: " + TRANSFORE, "geen toestemming voor deze ontvanger (NO_CONSENT)",
                "categorieën", overdracht.berichtId(), verwijzing.berichtId());
        assertThat(html).doesNotContain("<script", "http://", "https://", "<link");
        // The page shows the partner ids as text only: every < and > comes from the template's own markup.
        assertThat(html.replaceAll("<[a-zA-Z/!][^<>]*>", "")).doesNotContain("<", ">");
        assertAudited(deelnemer, 1);
    }

    @Test
    void onlyTheConsentRegistrarMayReadItAndTheIdIsValidated() {
        String deelnemer = newParticipant();

        HttpResponse<String> forbidden = report(ENSCHEDE, deelnemer, "application/json");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertProblem(forbidden, "FORBIDDEN");
        assertThat(report(TRANSFORE, deelnemer, "text/html").statusCode()).isEqualTo(403);
        assertAudited(deelnemer, 0);

        HttpResponse<String> invalid = report("hvht", "kleine-letters", "application/json");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertProblem(invalid, "VALIDATION_FAILED");
        assertThat(invalid.body()).doesNotContain("kleine-letters");
        HttpResponse<String> invalidHtml = report("hvht", "kleine-letters", "text/html");
        assertThat(invalidHtml.statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from audit_record where reden like '%kleine-letters%'", Integer.class))
                .as("a refused request is audited with the participant id masked").isZero();

        HttpResponse<String> empty = report("hvht", deelnemer, "application/json");
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(list(json(empty).get("bezorgingen"))).isEmpty();
        assertAudited(deelnemer, 1);
    }

    private HttpResponse<String> report(String partner, String deelnemer, String accept) {
        return send(partner, HttpRequest.newBuilder(api("/api/v1/deelnemers/" + deelnemer + "/verstrekkingen"))
                .header("Accept", accept).GET());
    }

    /** Exactly this many DISCLOSURE_REPORT records for the participant's pseudonym; no audit record holds the id. */
    private void assertAudited(String deelnemer, int reports) {
        String pseudonym = pseudonymizer.pseudonym(deelnemer);
        assertThat(jdbc.queryForObject("select count(*) from audit_record where stap = 'DISCLOSURE_REPORT'"
                + " and deelnemer_pseudoniem = ? and afzender = 'hvht'", Integer.class, pseudonym)).isEqualTo(reports);
        assertThat(jdbc.queryForObject("select count(*) from audit_record where coalesce(reden, '') like ?"
                + " or coalesce(deelnemer_pseudoniem, '') = ?", Integer.class, "%" + deelnemer + "%", deelnemer)).isZero();
    }

    private static List<String> summary(JsonNode report) {
        return list(report.get("samenvatting")).stream()
                .map(o -> o.get("ontvanger").asText() + " verstrekt=" + o.get("verstrekt").asInt() + " ingehouden="
                        + o.get("ingehouden").asInt())
                .toList();
    }

    private static JsonNode only(List<JsonNode> deliveries, String berichtId, String ontvanger) {
        List<JsonNode> found = deliveries.stream()
                .filter(d -> d.get("berichtId").asText().equals(berichtId) && d.get("ontvanger").asText().equals(ontvanger))
                .toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    private static List<String> texts(JsonNode array) {
        return list(array).stream().map(JsonNode::asText).toList();
    }
}
