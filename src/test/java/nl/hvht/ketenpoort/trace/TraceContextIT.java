package nl.hvht.ketenpoort.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.hvht.ketenpoort.audit.AuditChainVerifier;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.RecordedSpans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * W3C Trace Context end to end: a partner's traceparent is continued, every delivery (also one claimed from the ledger
 * after a lost attempt, as after a restart) carries one in the same trace with a span of its own, the audit records name
 * the W3C trace id, an invalid traceparent starts a new trace and is never echoed, and the gateway's actions on the
 * message are spans of its trace. Spans are read as a collector gets them ({@link RecordedSpans}).
 */
@ExtendWith(OutputCaptureExtension.class)
class TraceContextIT extends GatewayTestSupport {

    private static final String PARTNER = "transfore";
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private RecordedSpans spans;

    @Autowired
    private AuditLog audit;

    @Autowired
    private AuditChainVerifier verifier;

    @Autowired
    private ApplicationContext context;

    @Test
    void aPartnersTraceparentIsContinuedAndTheDeliveryCarriesItsTraceWithASpanOfItsOwn() {
        String traceId = hex(16);
        String parentSpan = hex(8);
        Example verwijzing = verwijzingWithConsent();

        HttpResponse<String> answer = submit(verwijzing, Map.of("traceparent", "00-" + traceId + "-" + parentSpan + "-01",
                "tracestate", "hvht=k7p1"));

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        ServeEvent delivery = requestsFor(verwijzing.berichtId()).get(0);
        Matcher sent = traceparentOf(delivery);
        assertThat(sent.group(1)).isEqualTo(traceId);
        assertThat(sent.group(2)).isNotEqualTo(parentSpan);
        assertThat(delivery.getRequest().getHeader("traceparent")).endsWith("-01");
        assertThat(delivery.getRequest().getHeader("tracestate")).isEqualTo("hvht=k7p1");
        assertThat(auditTraceIds(verwijzing.berichtId())).containsOnly(traceId);

        // The trace as a collector receives it: server span (child of the partner's), intake, decisions, copy, attempt.
        List<SpanData> trace = awaitSpans(traceId, "delivery-attempt");
        SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
        assertThat(server.getParentSpanId()).isEqualTo(parentSpan);
        SpanData intake = one(trace, "intake");
        assertThat(intake.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(named(trace, "consent-decision")).extracting(s -> s.getAttributes().asMap().toString())
                .anyMatch(a -> a.contains("INTAKE")).anyMatch(a -> a.contains("BEZORGING"));
        assertThat(one(trace, "copy").getParentSpanId()).isEqualTo(intake.getSpanId());
        SpanData attempt = one(trace, "delivery-attempt");
        assertThat(attempt.getSpanId()).isEqualTo(sent.group(2));
        assertThat(attempt.getParentSpanId()).isEqualTo(intake.getSpanId());
        assertThat(attempt.getKind()).isEqualTo(SpanKind.CLIENT);
        // No participant id in any attribute of the trace.
        String deelnemer = verwijzing.xml().replaceAll("(?s).*<deelnemer>([^<]+)</deelnemer>.*", "$1");
        assertThat(deelnemer).isNotBlank().doesNotContain("<");
        assertThat(trace).allSatisfy(s -> assertThat(s.getAttributes().asMap().toString()).doesNotContain(deelnemer));
    }

    @Test
    void withoutATraceparentTheGatewayStartsATraceAndThePartnerStillGetsOne() {
        Example verwijzing = verwijzingWithConsent();

        assertThat(submit(verwijzing, Map.of()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        Matcher sent = traceparentOf(requestsFor(verwijzing.berichtId()).get(0));
        assertThat(sent.group(1)).isNotEqualTo("0".repeat(32));
        assertThat(auditTraceIds(verwijzing.berichtId())).containsOnly(sent.group(1));
    }

    /**
     * An attempt whose outcome a crash lost is repeated by whichever node claims it from the ledger: it carries the trace
     * stored with the message, not one of the process that took the message in.
     */
    @Test
    void aDeliveryClaimedFromTheLedgerAfterALostAttemptCarriesTheStoredTrace() {
        String traceId = hex(16);
        Example verwijzing = verwijzingWithConsent();
        assertThat(submit(verwijzing, Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-00")).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));

        // As a node that died during the attempt leaves it: counted, leased by that node, lease run out, no outcome.
        jdbc.update("update bezorging set status = 'QUEUED', reden = null, pogingen = 1, ronde_start = 0, poging_sinds = now(),"
                + " geclaimd_door = 'crashed-node', geclaimd_tot = now() - interval '1 second', volgende_poging = now()"
                + " where bericht_id = ?::uuid and ontvanger = ?", verwijzing.berichtId(), PARTNER);

        await().atMost(Duration.ofSeconds(20)).until(() -> requestsFor(verwijzing.berichtId()).size() == 2);
        List<Matcher> sent = requestsFor(verwijzing.berichtId()).stream().map(TraceContextIT::traceparentOf).toList();
        assertThat(sent).extracting(m -> m.group(1)).containsOnly(traceId);
        assertThat(sent.get(0).group(2)).isNotEqualTo(sent.get(1).group(2));
        // The partner's flag (not sampled) is kept: the gateway does not record a trace the partner chose not to.
        assertThat(requestsFor(verwijzing.berichtId())).extracting(e -> e.getRequest().getHeader("traceparent"))
                .allMatch(v -> v.endsWith("-00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01",
            "00-deelnemer-HVHT-2026-0042-geheim-01",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01"})
    void anInvalidTraceparentStartsANewTraceAndIsNeverEchoed(String invalid, CapturedOutput output) {
        Example verwijzing = verwijzingWithConsent();

        assertThat(submit(verwijzing, Map.of("traceparent", invalid)).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        String sent = requestsFor(verwijzing.berichtId()).get(0).getRequest().getHeader("traceparent");
        String newTrace = traceparentOf(requestsFor(verwijzing.berichtId()).get(0)).group(1);
        assertThat(invalid.toLowerCase()).doesNotContain(newTrace);
        assertThat(sent).isNotEqualTo(invalid);
        assertThat(auditTraceIds(verwijzing.berichtId())).containsOnly(newTrace);
        assertThat(jdbc.queryForObject("select traceparent from bericht where bericht_id = ?::uuid", String.class,
                verwijzing.berichtId())).contains(newTrace).doesNotContain(invalid.substring(3, 20));
        assertThat(output.getAll()).doesNotContain(invalid).doesNotContain(invalid.substring(3, 35));
    }

    @Test
    void aConsoleViewOfTheMessageIsASpanOfItsTraceLinkedToTheConsoleRequest() {
        String traceId = hex(16);
        Example verwijzing = verwijzingWithConsent();
        assertThat(submit(verwijzing, Map.of("traceparent", "00-" + traceId + "-" + hex(8) + "-01")).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        Admin kijker = newAdmin("KIJKER");

        assertThat(adminGet(kijker, "/beheer/berichten/" + verwijzing.berichtId()).statusCode()).isEqualTo(200);

        SpanData action = one(awaitSpans(traceId, "console-action"), "console-action");
        assertThat(action.getAttributes().asMap().toString()).contains("ADMIN_VIEW");
        assertThat(action.getLinks()).hasSize(1);
        String consoleTrace = action.getLinks().get(0).getSpanContext().getTraceId();
        assertThat(consoleTrace).isNotEqualTo(traceId);
        // The view's audit record names the console request's trace, in the same W3C form.
        assertThat(jdbc.queryForList("select trace_id from audit_record where bericht_id = ? and stap = 'ADMIN_VIEW'",
                String.class, verwijzing.berichtId())).containsOnly(consoleTrace);
    }

    @Test
    void theAuditChainStillVerifiesAcrossRecordsWithTheOlderTraceIds() {
        audit.record(new AuditEvent(java.util.UUID.randomUUID().toString(), AuditStep.ADMIN_ACTION, null, null, "beheerder:test",
                null, null, null, "OK", "trace:oud-formaat"));
        Example verwijzing = verwijzingWithConsent();
        assertThat(submit(verwijzing, Map.of()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));

        assertThat(verifier.verifyFull().valid()).isTrue();
    }

    @Test
    void noSpanLeavesTheGatewayUnlessOtlpIsConfigured() {
        assertThat(context.getBeansOfType(OtlpHttpSpanExporter.class)).isEmpty();
        assertThat(context.getBeansOfType(OtlpGrpcSpanExporter.class)).isEmpty();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private Example verwijzingWithConsent() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, PARTNER);
        return example("verwijzing", deelnemer);
    }

    private HttpResponse<String> submit(Example example, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api("/api/v1/berichten"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(example.xml(), StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return send("hvht", request);
    }

    private List<String> auditTraceIds(String berichtId) {
        return jdbc.queryForList("select distinct trace_id from audit_record where bericht_id = ? and stap <> 'ADMIN_VIEW'",
                String.class, berichtId);
    }

    private List<SpanData> awaitSpans(String traceId, String name) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !named(spans.ofTrace(traceId), name).isEmpty());
        return spans.ofTrace(traceId);
    }

    private static List<SpanData> named(List<SpanData> trace, String name) {
        return trace.stream().filter(s -> s.getName().equals(name)).toList();
    }

    private static SpanData one(List<SpanData> trace, String name) {
        List<SpanData> found = named(trace, name);
        assertThat(found).as(name).hasSize(1);
        return found.get(0);
    }

    private static Matcher traceparentOf(ServeEvent event) {
        String value = event.getRequest().getHeader("traceparent");
        assertThat(value).as("traceparent sent to the partner").isNotNull();
        Matcher matcher = TRACEPARENT.matcher(value);
        assertThat(matcher.matches()).as(value).isTrue();
        return matcher;
    }

    private static List<ServeEvent> requestsFor(String berichtId) {
        return ENDPOINTS.served(PARTNER, berichtId).stream()
                .sorted(java.util.Comparator.comparing(e -> e.getRequest().getLoggedDate()))
                .toList();
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros
        return HexFormat.of().formatHex(random);
    }
}
