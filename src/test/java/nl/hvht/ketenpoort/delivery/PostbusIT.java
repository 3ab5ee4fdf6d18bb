package nl.hvht.ketenpoort.delivery;

import static nl.hvht.ketenpoort.support.ProblemJson.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.signing.BerichtDecryptor;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.ReceivedSignature;
import nl.hvht.ketenpoort.support.SignedOntvangstbewijzen;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The mailbox (postbus) end to end over mutual TLS: gemeente-tubbergen ({@code bezorging: ophalen} in
 * partners-example.yml), gemeente-dinkelland (also {@code ontvangstbewijs-verplicht}) and gemeente-wierden (copies
 * encrypted) collect their copies instead of having them POSTed (GatewayTestSupport). Nothing is ever POSTed to them.
 */
class PostbusIT extends GatewayTestSupport {

    private static final String TUBBERGEN = "gemeente-tubbergen";
    private static final String DINKELLAND = "gemeente-dinkelland";
    private static final String WIERDEN = "gemeente-wierden";
    private static final String SIGNED = "application/pkcs7-mime; smime-type=signed-data";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private DeliveryBacklog backlog;

    @Test
    void aCopyWaitsInTheMailboxIsFetchedAsThePushBytesAndAcknowledgedWithASignedReceipt() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, TUBBERGEN);
        Example plan = trajectplanTo(TUBBERGEN, deelnemer);
        assertThat(submit("hvht", plan.xml()).statusCode()).isEqualTo(202);

        // Waiting: QUEUED, counted as undelivered for the alerts and the dashboard, never POSTed.
        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(TUBBERGEN, "QUEUED"));
        assertThat(backlog.oldestUndelivered()).containsKey(TUBBERGEN);
        JsonNode listed = find(listAll(TUBBERGEN), plan.berichtId());
        assertThat(listed.get("type").asText()).isEqualTo("Trajectplan");
        assertThat(listed.get("afzender").asText()).isEqualTo("hvht");
        assertThat(listed.get("contentType").asText()).isEqualTo(SIGNED);
        assertThat(java.time.Instant.parse(listed.get("aangeboden").asText())).isNotNull();
        assertThat(listed.has("inhoud")).isFalse();

        HttpResponse<byte[]> fetched = fetch(TUBBERGEN, plan.berichtId());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue(SIGNED);
        assertThat(fetched.headers().firstValue("Ketenpoort-BerichtId")).hasValue(plan.berichtId());
        assertThat(fetched.headers().firstValue("Idempotency-Key")).hasValue(plan.berichtId());
        assertThat(fetched.headers().firstValue("Ketenpoort-BerichtType")).hasValue("Trajectplan");
        assertThat(fetched.headers().firstValue("Ketenpoort-Afzender")).hasValue("hvht");
        assertThat(fetched.headers().firstValue("traceparent")).isPresent();
        byte[] copy = fetched.body();
        // Exactly the bytes a push would POST: the copy in the ledger, signed by the gateway for this recipient.
        assertThat(copy).isEqualTo(storedCopy(plan.berichtId(), TUBBERGEN));
        assertThat(ReceivedSignature.signer(copy)).isEqualTo(TestPki.pki().gatewaySigning().certificate());
        String content = new String(ReceivedSignature.verify(copy), StandardCharsets.UTF_8);
        assertThat(content).contains("<berichtId>" + plan.berichtId() + "</berichtId>").contains("<ontvanger>" + TUBBERGEN + "</ontvanger>");
        // Fetching is repeatable and gives the same bytes.
        assertThat(fetch(TUBBERGEN, plan.berichtId()).body()).isEqualTo(copy);
        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(TUBBERGEN, "QUEUED"));

        byte[] receipt = SignedOntvangstbewijzen.receipt(plan.berichtId(), TUBBERGEN, copy);
        assertThat(acknowledge(TUBBERGEN, plan.berichtId(), receipt).statusCode()).isEqualTo(204);
        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(TUBBERGEN, "DELIVERED"));
        assertThat(jdbc.queryForObject("select cms from ontvangstbewijs where bericht_id = ? and ontvanger = ?", byte[].class,
                UUID.fromString(plan.berichtId()), TUBBERGEN)).isEqualTo(receipt);
        // Idempotent: a repeat answers 204 again and changes nothing.
        assertThat(acknowledge(TUBBERGEN, plan.berichtId(), null).statusCode()).isEqualTo(204);
        assertThat(acknowledge(TUBBERGEN, plan.berichtId(), receipt).statusCode()).isEqualTo(204);
        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(TUBBERGEN, "DELIVERED"));
        assertThat(ledger().receiptRows(plan.berichtId())).isEqualTo(1);
        // Out of the mailbox.
        assertThat(ids(listAll(TUBBERGEN))).doesNotContain(plan.berichtId());
        assertProblem(fetch(TUBBERGEN, plan.berichtId()), 404, "NOT_FOUND");
        assertThat(PARTNERS.getAllServeEvents()).noneMatch(e -> e.getRequest().getUrl().contains(TUBBERGEN));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ledger().auditSteps(plan.berichtId(), TUBBERGEN))
                .containsSubsequence("POSTBUS_FETCHED:OK", "POSTBUS_FETCHED:OK", "POSTBUS_ACKNOWLEDGED:OK", "RECEIPT_VERIFIED:OK",
                        "DELIVERED:OK", "POSTBUS_ACKNOWLEDGED:HERHAALD", "POSTBUS_ACKNOWLEDGED:HERHAALD"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from audit_record where stap = 'POSTBUS_LISTED' and ontvanger = ?", Integer.class, TUBBERGEN))
                .isPositive());
        // The consent check of each fetch is in the consent log, as before a push attempt.
        assertThat(jdbc.queryForObject("select count(*) from toestemmingsbesluit where bericht_id = ? and ontvanger = ?"
                + " and fase = 'BEZORGING'", Integer.class, plan.berichtId(), TUBBERGEN)).isPositive();
    }

    @Test
    void theListIsPagedOldestFirstWithoutRepeats() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, TUBBERGEN);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Example plan = trajectplanTo(TUBBERGEN, deelnemer);
            assertThat(submit("hvht", plan.xml()).statusCode()).isEqualTo(202);
            sent.add(plan.berichtId());
        }

        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = get(TUBBERGEN, "/api/v1/postbus?limiet=2" + (cursor == null ? "" : "&na=" + cursor));
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = json(page);
            assertThat(body.get("berichten").size()).isLessThanOrEqualTo(2);
            List<String> instants = new ArrayList<>();
            body.get("berichten").forEach(m -> {
                all.add(m.get("berichtId").asText());
                instants.add(m.get("aangeboden").asText());
            });
            assertThat(instants.stream().map(java.time.Instant::parse).toList()).isSorted();
            cursor = body.get("volgende").isNull() ? null : body.get("volgende").asText();
        } while (cursor != null);

        assertThat(all).doesNotHaveDuplicates();
        assertThat(all.stream().filter(sent::contains).toList()).containsExactlyElementsOf(sent);
        assertProblem(get(TUBBERGEN, "/api/v1/postbus?limiet=0"), 400, "VALIDATION_FAILED");
        assertProblem(get(TUBBERGEN, "/api/v1/postbus?limiet=501"), 400, "VALIDATION_FAILED");
        assertProblem(get(TUBBERGEN, "/api/v1/postbus?na=geen-cursor"), 400, "VALIDATION_FAILED");
    }

    @Test
    void onlyTheRecipientSeesItsMailbox() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, TUBBERGEN);
        Example plan = trajectplanTo(TUBBERGEN, deelnemer);
        assertThat(submit("hvht", plan.xml()).statusCode()).isEqualTo(202);

        // Another mailbox partner: as an unknown id.
        assertProblem(fetch(DINKELLAND, plan.berichtId()), 404, "NOT_FOUND");
        assertProblem(acknowledge(DINKELLAND, plan.berichtId(), null), 404, "NOT_FOUND");
        assertThat(ids(listAll(DINKELLAND))).doesNotContain(plan.berichtId());
        // A partner without a mailbox (push) and an unknown id.
        assertProblem(fetch("gemeente-enschede", plan.berichtId()), 404, "NOT_FOUND");
        assertProblem(get("gemeente-enschede", "/api/v1/postbus"), 404, "NOT_FOUND");
        assertProblem(fetch(TUBBERGEN, UUID.randomUUID().toString()), 404, "NOT_FOUND");
        assertProblem(fetch(TUBBERGEN, "geen-uuid"), 404, "NOT_FOUND");

        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(TUBBERGEN, "QUEUED"));
        assertThat(jdbc.queryForObject("select pogingen from bezorging where bericht_id = ? and ontvanger = ?", Integer.class,
                UUID.fromString(plan.berichtId()), TUBBERGEN)).isZero();
    }

    @Test
    void aCopyWhoseConsentWasRevokedAnswers410AndBecomesWithheld() {
        String deelnemer = newParticipant();
        String verklaring = registerFullConsent(deelnemer, TUBBERGEN);
        Example plan = trajectplanTo(TUBBERGEN, deelnemer);
        assertThat(submit("hvht", plan.xml()).statusCode()).isEqualTo(202);
        assertThat(fetch(TUBBERGEN, plan.berichtId()).statusCode()).isEqualTo(200);

        assertThat(send("hvht", HttpRequest.newBuilder(api("/api/v1/toestemmingen/" + verklaring)).DELETE()).statusCode())
                .isEqualTo(204);

        HttpResponse<byte[]> gone = fetch(TUBBERGEN, plan.berichtId());
        JsonNode problem = assertProblem(gone, 410, "BERICHT_INGEHOUDEN");
        assertThat(problem.get("reden").asText()).isEqualTo("REVOKED");
        assertThat(statusWithReason(plan.berichtId(), TUBBERGEN)).isEqualTo("WITHHELD:REVOKED");
        // Stays so: fetching or acknowledging it again answers the same.
        assertThat(assertProblem(fetch(TUBBERGEN, plan.berichtId()), 410, "BERICHT_INGEHOUDEN").get("reden").asText())
                .isEqualTo("REVOKED");
        assertProblem(acknowledge(TUBBERGEN, plan.berichtId(), null), 410, "BERICHT_INGEHOUDEN");
        assertThat(ids(listAll(TUBBERGEN))).doesNotContain(plan.berichtId());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ledger().auditSteps(plan.berichtId(), TUBBERGEN))
                .contains("WITHHELD:DENIED"));
    }

    @Test
    void anInvalidReceiptChangesNothingAndAnAcknowledgementNeedsAFetch() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, TUBBERGEN);
        Example plan = trajectplanTo(TUBBERGEN, deelnemer);
        assertThat(submit("hvht", plan.xml()).statusCode()).isEqualTo(202);

        assertProblem(acknowledge(TUBBERGEN, plan.berichtId(), null), 409, "POSTBUS_NIET_OPGEHAALD");
        byte[] copy = fetch(TUBBERGEN, plan.berichtId()).body();

        byte[] overOtherBytes = SignedOntvangstbewijzen.receipt(plan.berichtId(), TUBBERGEN, "iets anders".getBytes(StandardCharsets.UTF_8));
        assertProblem(acknowledge(TUBBERGEN, plan.berichtId(), overOtherBytes), 422, "RECEIPT_DIGEST_MISMATCH");
        byte[] byAnother = SignedOntvangstbewijzen.receipt(plan.berichtId(), DINKELLAND, copy);
        assertProblem(acknowledge(TUBBERGEN, plan.berichtId(), byAnother), 422, "RECEIPT_SIGNER_MISMATCH");
        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(TUBBERGEN, "QUEUED"));
        assertThat(ledger().receiptRows(plan.berichtId())).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ledger().auditSteps(plan.berichtId(), TUBBERGEN))
                .contains("RECEIPT_REJECTED:DIGEST_MISMATCH", "RECEIPT_REJECTED:SIGNER_MISMATCH"));

        // Without a receipt, for a partner that need not send one.
        assertThat(acknowledge(TUBBERGEN, plan.berichtId(), null).statusCode()).isEqualTo(204);
        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(TUBBERGEN, "DELIVERED"));
        assertThat(ledger().receiptRows(plan.berichtId())).isZero();
    }

    @Test
    void aPartnerThatMustSendAReceiptCannotAcknowledgeWithoutOne() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, DINKELLAND);
        Example plan = trajectplanTo(DINKELLAND, deelnemer);
        assertThat(submit("hvht", plan.xml()).statusCode()).isEqualTo(202);
        byte[] copy = fetch(DINKELLAND, plan.berichtId()).body();

        assertProblem(acknowledge(DINKELLAND, plan.berichtId(), null), 422, "RECEIPT_MISSING");
        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(DINKELLAND, "QUEUED"));

        assertThat(acknowledge(DINKELLAND, plan.berichtId(), SignedOntvangstbewijzen.receipt(plan.berichtId(), DINKELLAND, copy))
                .statusCode()).isEqualTo(204);
        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(DINKELLAND, "DELIVERED"));
        assertThat(ledger().receiptRows(plan.berichtId())).isEqualTo(1);
    }

    @Test
    void anEncryptingPartnerFetchesTheEncryptedCopy() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, WIERDEN);
        Example plan = trajectplanTo(WIERDEN, deelnemer);
        assertThat(submit("hvht", plan.xml()).statusCode()).isEqualTo(202);
        String authEnveloped = "application/pkcs7-mime; smime-type=authEnveloped-data";
        assertThat(find(listAll(WIERDEN), plan.berichtId()).get("contentType").asText()).isEqualTo(authEnveloped);

        HttpResponse<byte[]> fetched = fetch(WIERDEN, plan.berichtId());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.headers().firstValue("Content-Type")).hasValue(authEnveloped);
        assertThat(fetched.body()).isEqualTo(storedCopy(plan.berichtId(), WIERDEN));
        IssuedCertificate wierden = TestPki.pki().partner(WIERDEN);
        byte[] signed = new BerichtDecryptor(wierden.privateKey(), wierden.certificate()).decrypt(fetched.body());
        assertThat(new String(ReceivedSignature.verify(signed), StandardCharsets.UTF_8)).contains(plan.berichtId());

        assertThat(acknowledge(WIERDEN, plan.berichtId(), SignedOntvangstbewijzen.receipt(plan.berichtId(), WIERDEN, fetched.body()))
                .statusCode()).isEqualTo(204);
        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(WIERDEN, "DELIVERED"));
    }

    @Test
    void aWithheldCopyReleasedByBreakGlassWaitsInTheMailboxOnTheBreakGlassGround() throws Exception {
        Example plan = trajectplanTo(TUBBERGEN, newParticipant()); // no consent at all: withheld at intake
        assertThat(submit("hvht", plan.xml()).statusCode()).isEqualTo(202);
        assertThat(statusWithReason(plan.berichtId(), TUBBERGEN)).isEqualTo("WITHHELD:NO_CONSENT");
        assertThat(ids(listAll(TUBBERGEN))).doesNotContain(plan.berichtId());
        assertThat(assertProblem(fetch(TUBBERGEN, plan.berichtId()), 410, "BERICHT_INGEHOUDEN").get("reden").asText())
                .isEqualTo("NO_CONSENT");

        Admin asks = newAdmin("BEHEERDER");
        Admin approves = newAdmin("BEHEERDER");
        HttpResponse<String> requested = adminPost(asks, "/beheer/api/v1/doorbraken", Map.of("berichtId", plan.berichtId(),
                "ontvanger", TUBBERGEN, "motivering", "Acute crisis: de gemeente moet vandaag opvang regelen."));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String id = json(requested).get("id").asText();
        assertThat(adminPost(approves, "/beheer/api/v1/doorbraken/" + id + "/goedkeuring", null).statusCode()).isEqualTo(200);

        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(TUBBERGEN, "QUEUED"));
        assertThat(ids(listAll(TUBBERGEN))).contains(plan.berichtId());
        HttpResponse<byte[]> fetched = fetch(TUBBERGEN, plan.berichtId());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(new String(ReceivedSignature.verify(fetched.body()), StandardCharsets.UTF_8))
                .contains("<doorbraak>" + id + "</doorbraak>");
        assertThat(jdbc.queryForList("select grondslag from toestemmingsbesluit where bericht_id = ? and ontvanger = ?"
                + " and fase = 'BEZORGING' and uitkomst = 'ALLOWED'", String.class, plan.berichtId(), TUBBERGEN))
                .containsOnly("doorbraak:" + id).isNotEmpty();
        assertThat(acknowledge(TUBBERGEN, plan.berichtId(), null).statusCode()).isEqualTo(204);
        assertThat(statuses("hvht", plan.berichtId())).isEqualTo(Map.of(TUBBERGEN, "DELIVERED"));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Every page of the partner's mailbox, in order. */
    private List<JsonNode> listAll(String partner) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            HttpResponse<String> page = get(partner, "/api/v1/postbus?limiet=500" + (cursor == null ? "" : "&na=" + cursor));
            assertThat(page.statusCode()).isEqualTo(200);
            JsonNode body = json(page);
            body.get("berichten").forEach(all::add);
            cursor = body.get("volgende").isNull() ? null : body.get("volgende").asText();
        } while (cursor != null);
        return all;
    }

    private static List<String> ids(List<JsonNode> listed) {
        return listed.stream().map(m -> m.get("berichtId").asText()).toList();
    }

    private static JsonNode find(List<JsonNode> listed, String berichtId) {
        return listed.stream().filter(m -> m.get("berichtId").asText().equals(berichtId)).findFirst()
                .orElseThrow(() -> new AssertionError("not in the mailbox: " + berichtId));
    }

    private HttpResponse<byte[]> fetch(String partner, String berichtId) {
        return sendBytes(partner, HttpRequest.newBuilder(api("/api/v1/postbus/" + berichtId)).GET());
    }

    private HttpResponse<byte[]> acknowledge(String partner, String berichtId, byte[] receipt) {
        HttpRequest.Builder request = HttpRequest.newBuilder(api("/api/v1/postbus/" + berichtId + "/ontvangst"));
        if (receipt == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/pkcs7-mime").POST(HttpRequest.BodyPublishers.ofByteArray(receipt));
        }
        return sendBytes(partner, request);
    }

    private HttpResponse<byte[]> sendBytes(String partner, HttpRequest.Builder request) {
        try {
            return client(partner).send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private byte[] storedCopy(String berichtId, String ontvanger) {
        return jdbc.queryForObject("select ondertekend from bezorging where bericht_id = ? and ontvanger = ?", byte[].class,
                UUID.fromString(berichtId), ontvanger);
    }

    private String statusWithReason(String berichtId, String ontvanger) {
        return jdbc.queryForObject("select status || ':' || coalesce(reden, '') from bezorging where bericht_id = ? and ontvanger = ?",
                String.class, UUID.fromString(berichtId), ontvanger);
    }
}
