package nl.hvht.ketenpoort.audit;

import static nl.hvht.ketenpoort.support.ProblemJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit export ({@code GET /beheer/api/v1/audit/export}): PRIVACY only, JSON lines in the shape of Logboek
 * Dataverwerkingen, one participant's records under every key, streamed, and itself on record with the NEN 7513 fields;
 * console access carries those fields too.
 */
class AuditExportIT extends GatewayTestSupport {

    private static final String TRACEPARENT_TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACEPARENT_SPAN = "b7ad6b7169203331";

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private AuditLog audit;
    @Autowired
    private Pseudonymizer pseudonymizer;
    @Autowired
    private Verwerkingsregister register;

    @Test
    void onlyAPrivacyOfficerMayExport() {
        String path = exportPath(null);
        assertThat(adminGet(newAdmin("BEHEERDER"), path).statusCode()).isEqualTo(403);
        assertThat(adminGet(newAdmin("KIJKER"), path).statusCode()).isEqualTo(403);
        assertThat(adminGet(null, path).statusCode()).isEqualTo(401);
        HttpResponse<String> allowed = adminGet(newAdmin("PRIVACY"), path);
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/x-ndjson"));
    }

    @Test
    void aParticipantsRecordsInTheShapeOfLogboekDataverwerkingen() throws IOException {
        String deelnemer = newParticipant();
        Example overdracht = example("overdracht", deelnemer);
        HttpResponse<String> accepted = send("hvht", HttpRequest.newBuilder(api("/api/v1/berichten"))
                .header("Content-Type", "application/xml")
                .header("traceparent", "00-" + TRACEPARENT_TRACE + "-" + TRACEPARENT_SPAN + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(overdracht.xml(), StandardCharsets.UTF_8)));
        assertThat(accepted.statusCode()).isEqualTo(202);
        awaitSettled("hvht", overdracht.berichtId());
        String other = newParticipant();
        assertThat(submit("hvht", example("overdracht", other).xml()).statusCode()).isEqualTo(202);

        Admin privacy = newAdmin("PRIVACY");
        HttpResponse<String> response = adminGet(privacy, exportPath(deelnemer));
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> lines = lines(response.body());
        String pseudonym = pseudonymizer.pseudonym(deelnemer);
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.at("/attributes/dpl.core.data_subject_id").asText()).isEqualTo(pseudonym);
            assertThat(line.at("/attributes/dpl.core.data_subject_id_type").asText()).isEqualTo("ketenpoort-deelnemer-pseudoniem");
            assertThat(line.get("trace_id").asText()).matches("[0-9a-f]{32}");
            assertThat(line.get("span_id").asText()).matches("[0-9a-f]{16}");
            assertThat(line.get("status_code").asText()).isIn("OK", "ERROR");
            assertThat(line.at("/resource/service.name").asText()).isEqualTo("ketenpoort");
            assertThat(line.toString()).doesNotContain(deelnemer);
        });
        JsonNode received = lines.stream().filter(l -> l.get("name").asText().equals("RECEIVED")).findFirst().orElseThrow();
        String activity = register.voorStroom("Overdracht", "nazorg").orElseThrow().id();
        assertThat(received.at("/attributes/dpl.core.processing_activity_id").asText()).isEqualTo(activity);
        assertThat(received.at("/attributes/ketenpoort.bericht_id").asText()).isEqualTo(overdracht.berichtId());
        assertThat(received.at("/attributes/ketenpoort.doel").asText()).isEqualTo("nazorg");
        assertThat(received.at("/attributes/ketenpoort.hash_versie").asInt()).isEqualTo(2);
        // the partner's own operation, and the gateway continuing its trace in a span of its own
        assertThat(received.at("/foreign_operation/trace_id").asText()).isEqualTo(TRACEPARENT_TRACE);
        assertThat(received.at("/foreign_operation/span_id").asText()).isEqualTo(TRACEPARENT_SPAN);
        assertThat(received.at("/foreign_operation/entity").asText()).isEqualTo("hvht");
        assertThat(received.get("trace_id").asText()).isEqualTo(TRACEPARENT_TRACE);
        assertThat(received.get("parent_span_id").asText()).matches("[0-9a-f]{16}");
        assertThat(received.get("start_time").asText()).isLessThanOrEqualTo(received.get("end_time").asText());
        // every record of the message names the activity of its flow
        assertThat(lines.stream().filter(l -> overdracht.berichtId().equals(l.at("/attributes/ketenpoort.bericht_id").asText())))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(l -> assertThat(l.at("/attributes/dpl.core.processing_activity_id").asText()).isEqualTo(activity));

        // the export itself is on record, with the NEN 7513 fields and the participant as pseudonym
        Map<String, Object> exported = jdbc.queryForMap("select * from audit_record where stap = 'AUDIT_EXPORT' and afzender = ?"
                + " order by volgnummer desc limit 1", "beheerder:" + privacy.naam());
        assertThat(exported.get("deelnemer_pseudoniem")).isEqualTo(pseudonym);
        assertThat(exported.get("actor_rol")).isEqualTo("PRIVACY");
        assertThat(exported.get("doel")).isEqualTo("verantwoording");
        assertThat((String) exported.get("toegangspunt")).isNotBlank();
        assertThat(exported.get("verwerkingsactiviteit")).isEqualTo(register.beheer().id());
        assertThat((String) exported.get("reden")).startsWith("van:").contains(" tot:");
    }

    @Test
    void aParticipantsRecordsAreFoundUnderHisPseudonymsAndTheExportNamesItselfLast() {
        String deelnemer = newParticipant();
        List<String> keys = pseudonymizer.pseudonyms(deelnemer);
        audit.recordAll(keys.stream().map(p -> new AuditEvent(null, AuditStep.DISCLOSURE_REPORT, null, null, "hvht", null, p,
                null, "OK", "export-test")).toList());
        List<JsonNode> lines = lines(adminGet(newAdmin("PRIVACY"), exportPath(deelnemer)).body());
        assertThat(lines).extracting(l -> l.get("name").asText()).containsOnly("DISCLOSURE_REPORT", "AUDIT_EXPORT")
                .last().isEqualTo("AUDIT_EXPORT");
        assertThat(lines.stream().filter(l -> l.get("name").asText().equals("DISCLOSURE_REPORT")))
                .extracting(l -> l.at("/attributes/dpl.core.data_subject_id").asText())
                .containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void manyRecordsAreStreamedLineByLine() throws Exception {
        String deelnemer = newParticipant();
        String pseudonym = pseudonymizer.pseudonym(deelnemer);
        int records = 6000;
        List<AuditEvent> batch = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            batch.add(new AuditEvent(null, AuditStep.ADMIN_VIEW, null, null, "beheerder:stream", null, pseudonym, null, "OK",
                    "stream:" + i));
            if (batch.size() == 500) {
                audit.recordAll(batch);
                batch.clear();
            }
        }
        Admin privacy = newAdmin("PRIVACY");
        HttpResponse<Stream<String>> response = adminSession(privacy).client().send(
                HttpRequest.newBuilder(adminUri(exportPath(deelnemer))).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        // not a body built in memory and sent with its length: chunked, written as the cursor is read
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        long[] count = {0};
        String[] previous = {""};
        String[] last = {null};
        try (Stream<String> lines = response.body()) {
            lines.forEach(line -> {
                JsonNode node = json(line);
                last[0] = node.get("name").asText();
                if (last[0].equals("AUDIT_EXPORT")) {
                    return; // the export's own record, written before the first line
                }
                assertThat(node.at("/attributes/ketenpoort.reden").asText()).isEqualTo("stream:" + count[0]);
                String order = String.format("%020d", node.at("/attributes/ketenpoort.volgnummer").asLong());
                assertThat(order).isGreaterThan(previous[0]);
                previous[0] = order;
                count[0]++;
            });
        }
        assertThat(count[0]).isEqualTo(records);
        assertThat(last[0]).isEqualTo("AUDIT_EXPORT");
    }

    @Test
    void aBadPeriodIsA400WithAStableCode() {
        Admin privacy = newAdmin("PRIVACY");
        for (String query : List.of("", "?van=2026-12-01", "?van=gisteren&tot=2026-12-02", "?van=2026-12-02&tot=2026-12-01",
                "?van=2026-12-01&tot=2026-12-01", "?van=2026-13-01&tot=2026-12-02")) {
            HttpResponse<String> refused = adminGet(privacy, "/beheer/api/v1/audit/export" + query);
            assertThat(refused.statusCode()).as(query).isEqualTo(400);
            assertProblem(refused, "AUDIT_PERIODE_ONGELDIG");
        }
    }

    @Test
    void consoleAccessToAMessageCarriesTheNen7513Fields() {
        String deelnemer = newParticipant();
        Example overdracht = example("overdracht", deelnemer);
        assertThat(submit("hvht", overdracht.xml()).statusCode()).isEqualTo(202);
        Admin beheerder = newAdmin("BEHEERDER", "KIJKER");
        assertThat(adminGet(beheerder, "/beheer/berichten/" + overdracht.berichtId()).statusCode()).isEqualTo(200);
        Map<String, Object> view = jdbc.queryForMap("select * from audit_record where stap = 'ADMIN_VIEW' and bericht_id = ?"
                + " and afzender = ?", overdracht.berichtId(), "beheerder:" + beheerder.naam());
        assertThat(view.get("actor_rol")).isEqualTo("BEHEERDER,KIJKER");
        assertThat(view.get("doel")).isEqualTo("beheer");
        assertThat((String) view.get("toegangspunt")).matches("[0-9a-f.:]+");
        assertThat(view.get("deelnemer_pseudoniem")).isEqualTo(pseudonymizer.pseudonym(deelnemer));
        assertThat(view.get("verwerkingsactiviteit")).isEqualTo(register.beheer().id());
        assertThat(((Number) view.get("hash_versie")).intValue()).isEqualTo(2);
        assertThat(view.get("parent_span_id")).isNotNull();
    }

    private static String exportPath(String deelnemer) {
        LocalDate today = LocalDate.now();
        return "/beheer/api/v1/audit/export?van=" + today.minusDays(1) + "&tot=" + today.plusDays(2)
                + (deelnemer == null ? "" : "&deelnemer=" + URLEncoder.encode(deelnemer, StandardCharsets.UTF_8));
    }

    private static List<JsonNode> lines(String body) {
        return body.lines().filter(l -> !l.isBlank()).map(AuditExportIT::json).toList();
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
