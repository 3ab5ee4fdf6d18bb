package nl.hvht.ketenpoort.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static nl.hvht.ketenpoort.support.ProblemJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Durable delivery from the ledger against WireMock partners over mutual TLS: retries with backoff, the attempt limit
 * and dead letters, permanent refusals, intake deduplication, and recovery from what a crash leaves in the ledger (an
 * attempt whose outcome was lost is repeated once, with the same Idempotency-Key, and counts). The crash itself, with
 * real processes and SIGKILL, is {@code crash.CrashIT}. Every test uses its own participant and berichtIds and counts
 * the partner's requests for its own berichtId only.
 */
class DeliveryIT extends GatewayTestSupport {

    private static final String PARTNER = "transfore";
    private static final String PARTNER_PATH = "/ontvangst/" + PARTNER;

    @Autowired
    private CamelContext camelContext;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DeliveryProperties deliveryProperties;

    @Test
    void everyIntakeCommitIsTimedWithItsBatch() {
        double before = prometheus("ketenpoort_intake_commit_seconds_count");
        double messagesBefore = prometheus("ketenpoort_batch_size_sum{stage=\"intake\"");

        assertThat(submit("hvht", verwijzingWithConsent().xml()).statusCode()).isEqualTo(202);

        assertThat(prometheus("ketenpoort_intake_commit_seconds_count")).isGreaterThan(before);
        assertThat(prometheus("ketenpoort_intake_commit_seconds_sum")).isPositive();
        assertThat(prometheus("ketenpoort_batch_size_sum{stage=\"intake\"")).isGreaterThanOrEqualTo(messagesBefore + 1);
    }

    /**
     * The message as received and its signed copies (several kilobytes each, so compressed and stored out of line) are
     * compressed with lz4 where the server has it, with PostgreSQL's default pglz where not (V28).
     */
    @Test
    void theMessageAndItsCopiesAreCompressedWithLz4WhereTheServerHasIt() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "gemeente-enschede", "reclassering-nederland");
        Example overdracht = example("overdracht", deelnemer);

        assertThat(submit("hvht", overdracht.xml()).statusCode()).isEqualTo(202);

        boolean lz4 = Boolean.TRUE.equals(jdbc.queryForObject(
                "select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'", Boolean.class));
        List<Map<String, Object>> stored = jdbc.queryForList("""
                select pg_column_compression(b.inhoud) as inhoud, pg_column_compression(z.ondertekend) as kopie,
                       octet_length(b.inhoud) as inhoud_lengte, octet_length(z.ondertekend) as kopie_lengte
                  from bericht b join bezorging z on z.bericht_id = b.bericht_id where b.bericht_id = ?::uuid""",
                overdracht.berichtId());
        assertThat(stored).hasSize(2).allSatisfy(row -> {
            assertThat(((Number) row.get("inhoud_lengte")).intValue()).as("larger than PostgreSQL keeps in the row").isGreaterThan(2048);
            assertThat(((Number) row.get("kopie_lengte")).intValue()).isGreaterThan(2048);
            assertThat(row.get("inhoud")).isEqualTo(lz4 ? "lz4" : "pglz");
            assertThat(row.get("kopie")).isEqualTo(lz4 ? "lz4" : "pglz");
        });
    }

    @Test
    void retriesUntilThePartnerAcceptsAndDeliversExactlyOnce() {
        String scenario = "flaky-" + UUID.randomUUID();
        partnerAnswers(scenario, STARTED, 503, "tweede");
        partnerAnswers(scenario, "tweede", 503, "derde");
        partnerAnswers(scenario, "derde", 503, "vierde");
        partnerAnswers(scenario, "vierde", 200, "vierde");
        Example verwijzing = verwijzingWithConsent();

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        List<ServeEvent> requests = ENDPOINTS.served(PARTNER, verwijzing.berichtId());
        assertThat(requests).hasSize(4);
        assertThat(requests).filteredOn(e -> e.getResponse().getStatus() == 200).hasSize(1);
        assertThat(requests).filteredOn(e -> e.getResponse().getStatus() == 503).hasSize(3);
        JsonNode recipient = recipient("hvht", verwijzing.berichtId(), PARTNER);
        assertThat(recipient.get("pogingen").asInt()).isEqualTo(4);
        assertThat(recipient.path("reden").isTextual()).isFalse();
    }

    @Test
    void failsAfterTheAttemptLimitAndDeadLettersTheMessage() throws Exception {
        PARTNERS.stubFor(post(urlPathEqualTo(PARTNER_PATH)).willReturn(aResponse().withStatus(503)));
        Example verwijzing = verwijzingWithConsent();

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        JsonNode recipient = recipient("hvht", verwijzing.berichtId(), PARTNER);
        assertThat(recipient.get("reden").asText()).isEqualTo("HTTP_503");
        assertThat(recipient.get("pogingen").asInt()).isEqualTo(4);
        assertThat(ENDPOINTS.served(PARTNER, verwijzing.berichtId())).hasSize(4);

        assertThat(openDeadLetter(verwijzing.berichtId())).isTrue();
    }

    @Test
    void aPermanentRefusalFailsAfterOneAttemptWithoutRetries() throws Exception {
        PARTNERS.stubFor(post(urlPathEqualTo(PARTNER_PATH)).willReturn(aResponse().withStatus(400)));
        Example verwijzing = verwijzingWithConsent();

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        JsonNode recipient = recipient("hvht", verwijzing.berichtId(), PARTNER);
        assertThat(recipient.get("reden").asText()).isEqualTo("HTTP_400");
        assertThat(recipient.get("pogingen").asInt()).isEqualTo(1);
        assertThat(ENDPOINTS.served(PARTNER, verwijzing.berichtId())).hasSize(1);
        assertThat(openDeadLetter(verwijzing.berichtId())).isTrue();
    }

    @Test
    void theSameBerichtIdTwiceIsDeliveredOnceAndOtherBytesConflict() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "gemeente-enschede", "reclassering-nederland");
        Example overdracht = example("overdracht", deelnemer);

        assertThat(submit("hvht", overdracht.xml()).statusCode()).isEqualTo(202);
        Map<String, String> settled = awaitSettled("hvht", overdracht.berichtId());
        assertThat(settled).isEqualTo(Map.of("gemeente-enschede", "DELIVERED", "reclassering-nederland", "DELIVERED"));

        HttpResponse<String> again = submit("hvht", overdracht.xml());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Ketenpoort-Duplicaat")).hasValue("true");
        assertThat(again.headers().firstValue("Location")).hasValue("/api/v1/berichten/" + overdracht.berichtId());
        Map<String, String> answered = new java.util.TreeMap<>();
        json(again).get("ontvangers").forEach(r -> answered.put(r.get("ontvanger").asText(), r.get("status").asText()));
        assertThat(answered).isEqualTo(settled);

        String otherBytes = overdracht.xml().replace("Geen bijzonderheden.", "Geen bijzonderheden, gecontroleerd.");
        assertThat(otherBytes).isNotEqualTo(overdracht.xml());
        HttpResponse<String> conflict = submit("hvht", otherBytes);

        assertProblem(conflict, 409, "BERICHT_ID_CONFLICT");
        assertThat(statuses("hvht", overdracht.berichtId())).isEqualTo(settled);
        assertThat(ENDPOINTS.served("gemeente-enschede", overdracht.berichtId())).hasSize(1);
        assertThat(ENDPOINTS.served("reclassering-nederland", overdracht.berichtId())).hasSize(1);
    }

    /**
     * What a node that died right after its POST leaves in the ledger: the attempt counted, its lease held by that node,
     * no outcome. Once the lease has run out the attempt is repeated with the same Idempotency-Key, counts as an
     * attempt, and the repeat metric counts it.
     */
    @Test
    void anAttemptWhoseOutcomeACrashLostIsRepeatedOnceWithTheSameIdempotencyKey() {
        Example verwijzing = verwijzingWithConsent();
        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        double repeatsBefore = repeats();

        crashedDuringAttempt(verwijzing.berichtId(), 1);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        List<ServeEvent> requests = ENDPOINTS.served(PARTNER, verwijzing.berichtId());
        assertThat(requests).hasSize(2);
        assertThat(requests).extracting(e -> e.getRequest().getHeader("Idempotency-Key")).containsOnly(verwijzing.berichtId());
        assertThat(recipient("hvht", verwijzing.berichtId(), PARTNER).get("pogingen").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> repeats() >= repeatsBefore + 1);
    }

    /**
     * The attempt limit holds across a crash: the last attempt of a round whose outcome was lost is repeated once (N + 1
     * POSTs for N attempts and one crash), and then the delivery fails for good instead of starting over.
     */
    @Test
    void theAttemptLimitHoldsAcrossACrashWithOneRepeatOfTheLostAttempt() {
        PARTNERS.stubFor(post(urlPathEqualTo(PARTNER_PATH)).willReturn(aResponse().withStatus(503)));
        Example verwijzing = verwijzingWithConsent();
        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        int limit = deliveryProperties.maxAttempts();
        assertThat(ENDPOINTS.served(PARTNER, verwijzing.berichtId())).hasSize(limit);

        crashedDuringAttempt(verwijzing.berichtId(), limit);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        assertThat(ENDPOINTS.served(PARTNER, verwijzing.berichtId())).hasSize(limit + 1);
        assertThat(recipient("hvht", verwijzing.berichtId(), PARTNER).get("pogingen").asInt()).isEqualTo(limit + 1);
    }

    /**
     * Recovery is one query over the ledger: a delivery that is due and unclaimed, whatever left it so (a commit whose
     * wake-up was lost, an older version's ACCEPTED row), is found by the workers' own look in the ledger and delivered once.
     */
    @Test
    void aDueDeliveryNobodyWasToldAboutIsFoundInTheLedgerAndDeliveredOnce() {
        Example verwijzing = verwijzingWithConsent();
        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        // As an older version left it: ACCEPTED, never attempted, no lease.
        jdbc.update("update bezorging set status = 'ACCEPTED', pogingen = 0, volgende_poging = now(), geclaimd_tot = null"
                + " where bericht_id = ?::uuid and ontvanger = ?", verwijzing.berichtId(), PARTNER);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        assertThat(ENDPOINTS.served(PARTNER, verwijzing.berichtId())).hasSize(2);
        assertThat(recipient("hvht", verwijzing.berichtId(), PARTNER).get("pogingen").asInt()).isEqualTo(1);
    }

    @Test
    void thePartnerClientKeepsItsConfiguredTimeoutsAndNeverRetriesOnItsOwn() {
        HttpComponent https = camelContext.getComponent("https", HttpComponent.class);

        assertThat(https.isAutomaticRetriesDisabled()).isTrue();
        assertThat(https.getConnectTimeout()).isEqualTo(deliveryProperties.connectTimeout().toMillis());
        assertThat(https.getResponseTimeout()).isEqualTo(deliveryProperties.responseTimeout().toMillis());
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** A verwijzing to {@value #PARTNER} for a fresh participant with full consent. */
    private Example verwijzingWithConsent() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, PARTNER);
        return example("verwijzing", deelnemer);
    }

    private static void partnerAnswers(String scenario, String state, int status, String next) {
        PARTNERS.stubFor(post(urlPathEqualTo(PARTNER_PATH)).inScenario(scenario).whenScenarioStateIs(state)
                .willReturn(aResponse().withStatus(status)).willSetStateTo(next));
    }

    /**
     * Puts a settled delivery back into the state a node that died during attempt {@code attempt} leaves: QUEUED, the
     * attempt counted, a lease of another node that has just run out, no outcome.
     */
    private void crashedDuringAttempt(String berichtId, int attempt) {
        jdbc.update("update bezorging set status = 'QUEUED', reden = null, pogingen = ?, ronde_start = 0, poging_sinds = now(),"
                + " geclaimd_door = 'crashed-node', geclaimd_tot = now() - interval '1 second', volgende_poging = now()"
                + " where bericht_id = ?::uuid and ontvanger = ?", attempt, berichtId, PARTNER);
    }

    /** The sum of the samples on /actuator/prometheus whose line starts with {@code prefix}. */
    private double prometheus(String prefix) {
        return getManagement("/actuator/prometheus").lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private double repeats() {
        String metrics = getManagement("/actuator/prometheus");
        return metrics.lines().filter(l -> l.startsWith("ketenpoort_delivery_repeats_total{") && l.contains("ontvanger=\"" + PARTNER + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** True if the delivery is an open dead letter: FAILED, not discarded, its signed copy kept for a retry. */
    private boolean openDeadLetter(String berichtId) {
        Integer open = jdbc.queryForObject("select count(*) from bezorging where bericht_id = ?::uuid and ontvanger = ?"
                + " and status = 'FAILED' and afgevoerd_op is null and ondertekend is not null", Integer.class, berichtId, PARTNER);
        return open != null && open == 1;
    }
}
