package nl.hvht.ketenpoort.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.OntvangstbewijsTransformer;
import nl.hvht.ketenpoort.support.SignedOntvangstbewijzen;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signed receipts end to end: a WireMock partner answers the delivery with a receipt it signs over exactly the body it
 * received (support.OntvangstbewijsTransformer). Valid: stored, shown in the sender's status and on the admin side (audited).
 * Invalid: DELIVERED all the same, not stored, RECEIPT_REJECTED. For justact ({@code ontvangstbewijs-verplicht} in
 * GatewayTestSupport) a 2xx without a valid receipt is a failed attempt.
 */
class OntvangstbewijsIT extends GatewayTestSupport {

    private static final String TRANSFORE = "transfore";
    private static final String JUSTACT = "justact";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aValidReceiptIsStoredAsProofAndShown() {
        ENDPOINTS.answers(TRANSFORE, aResponse().withStatus(200).withTransformers(OntvangstbewijsTransformer.NAME));
        Example verwijzing = verwijzingWithConsentTo(TRANSFORE);

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(TRANSFORE, "DELIVERED"));
        List<ServeEvent> requests = ENDPOINTS.served(TRANSFORE, verwijzing.berichtId());
        assertThat(requests).hasSize(1);
        String digest = SignedOntvangstbewijzen.sha256(requests.get(0).getRequest().getBody());
        byte[] answered = requests.get(0).getResponse().getBody();
        assertThat(recipient("hvht", verwijzing.berichtId(), TRANSFORE).get("ontvangstbewijs").asBoolean()).isTrue();
        Map<String, Object> row = jdbc.queryForMap("select digest_sha256, ondertekenaar_oin, cms from ontvangstbewijs"
                + " where bericht_id = ?::uuid and ontvanger = ?", verwijzing.berichtId(), TRANSFORE);
        assertThat(row.get("digest_sha256")).isEqualTo(digest);
        assertThat(row.get("ondertekenaar_oin")).isEqualTo(SignedOntvangstbewijzen.oin(TRANSFORE));
        assertThat((byte[]) row.get("cms")).isEqualTo(answered);
        awaitAudit(verwijzing.berichtId(), "RECEIPT_VERIFIED", "OK");

        Admin kijker = newAdmin("KIJKER");
        String path = "/beheer/api/v1/berichten/" + verwijzing.berichtId() + "/ontvangstbewijzen";
        HttpResponse<String> list = adminGet(kijker, path);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode receipts = json(list);
        assertThat(receipts).hasSize(1);
        JsonNode receipt = receipts.get(0);
        assertThat(receipt.get("ontvanger").asText()).isEqualTo(TRANSFORE);
        assertThat(receipt.get("digestSha256").asText()).isEqualTo(digest);
        assertThat(receipt.at("/ondertekenaar/oin").asText()).isEqualTo(SignedOntvangstbewijzen.oin(TRANSFORE));
        assertThat(receipt.at("/ondertekenaar/serienummer").asText())
                .isEqualTo(SignedOntvangstbewijzen.signer(TRANSFORE).certificate().getSerialNumber().toString(16));
        assertThat(receipt.get("ontvangstmoment").isTextual()).isTrue();
        assertThat(Base64.getDecoder().decode(receipt.get("cms").asText())).isEqualTo(answered);

        HttpResponse<byte[]> download = adminDownload(kijker, path + "/" + TRANSFORE);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).startsWith("application/pkcs7-mime");
        assertThat(download.body()).isEqualTo(answered);
        assertThat(adminGet(kijker, path + "/gemeente-almelo").statusCode()).isEqualTo(404);
        assertThat(adminGet(kijker, "/beheer/api/v1/berichten/" + UUID.randomUUID() + "/ontvangstbewijzen").statusCode())
                .isEqualTo(404);
        assertThat(adminGet(null, path).statusCode()).isEqualTo(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select afzender, ontvanger, reden from audit_record where bericht_id = ? and stap = 'RECEIPT_VIEWED' order by volgnummer",
                verwijzing.berichtId())).satisfiesExactly(
                        r -> assertThat(r).containsEntry("afzender", "beheerder:" + kijker.naam()).containsEntry("ontvanger", null)
                                .containsEntry("reden", "ontvangstbewijzen:1"),
                        r -> assertThat(r).containsEntry("afzender", "beheerder:" + kijker.naam()).containsEntry("ontvanger", TRANSFORE)
                                .containsEntry("reden", "download")));
    }

    @Test
    void anInvalidReceiptIsNotStoredButTheDeliveryCounts() {
        ENDPOINTS.answers(TRANSFORE, aResponse().withStatus(200).withTransformers(OntvangstbewijsTransformer.NAME)
                .withTransformerParameter(OntvangstbewijsTransformer.FOUT, "digest"));
        Example verwijzing = verwijzingWithConsentTo(TRANSFORE);

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(TRANSFORE, "DELIVERED"));
        assertThat(ENDPOINTS.served(TRANSFORE, verwijzing.berichtId())).hasSize(1);
        JsonNode recipient = recipient("hvht", verwijzing.berichtId(), TRANSFORE);
        assertThat(recipient.get("ontvangstbewijs").asBoolean()).isFalse();
        assertThat(recipient.get("pogingen").asInt()).isEqualTo(1);
        assertThat(ledger().receiptRows(verwijzing.berichtId())).isZero();
        awaitAudit(verwijzing.berichtId(), "RECEIPT_REJECTED", "DIGEST_MISMATCH");
        assertThat(ledger().auditCount(verwijzing.berichtId(), "RECEIPT_VERIFIED")).isZero();
        assertThat(json(adminGet(newAdmin("BEHEERDER"), "/beheer/api/v1/berichten/" + verwijzing.berichtId()
                + "/ontvangstbewijzen"))).isEmpty();
    }

    @Test
    void aReceiptSignedByAnotherPartnerIsRejected() {
        ENDPOINTS.answers(TRANSFORE, aResponse().withStatus(200).withTransformers(OntvangstbewijsTransformer.NAME)
                .withTransformerParameter(OntvangstbewijsTransformer.FOUT, "ondertekenaar"));
        Example verwijzing = verwijzingWithConsentTo(TRANSFORE);

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(TRANSFORE, "DELIVERED"));
        awaitAudit(verwijzing.berichtId(), "RECEIPT_REJECTED", "SIGNER_MISMATCH");
        assertThat(ledger().receiptRows(verwijzing.berichtId())).isZero();
    }

    @Test
    void noReceiptIsFine() {
        Example verwijzing = verwijzingWithConsentTo(TRANSFORE);

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(TRANSFORE, "DELIVERED"));
        assertThat(recipient("hvht", verwijzing.berichtId(), TRANSFORE).get("ontvangstbewijs").asBoolean()).isFalse();
        awaitAudit(verwijzing.berichtId(), "DELIVERED", "OK");
        assertThat(ledger().receiptRows(verwijzing.berichtId())).isZero();
        assertThat(ledger().auditCount(verwijzing.berichtId(), "RECEIPT_REJECTED") + ledger().auditCount(verwijzing.berichtId(), "RECEIPT_VERIFIED"))
                .isZero();
    }

    @Test
    void aPartnerThatMustSendAReceiptIsRetriedUntilItDoes() {
        String scenario = "ontvangstbewijs-" + UUID.randomUUID();
        PARTNERS.stubFor(post(urlPathEqualTo("/ontvangst/" + JUSTACT)).inScenario(scenario).whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(200)).willSetStateTo("ongeldig"));
        PARTNERS.stubFor(post(urlPathEqualTo("/ontvangst/" + JUSTACT)).inScenario(scenario).whenScenarioStateIs("ongeldig")
                .willReturn(aResponse().withStatus(200).withTransformers(OntvangstbewijsTransformer.NAME)
                        .withTransformerParameter(OntvangstbewijsTransformer.FOUT, "digest")).willSetStateTo("geldig"));
        PARTNERS.stubFor(post(urlPathEqualTo("/ontvangst/" + JUSTACT)).inScenario(scenario).whenScenarioStateIs("geldig")
                .willReturn(aResponse().withStatus(200).withTransformers(OntvangstbewijsTransformer.NAME)));
        Example verwijzing = verwijzingWithConsentTo(JUSTACT);

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(JUSTACT, "DELIVERED"));
        assertThat(ENDPOINTS.served(JUSTACT, verwijzing.berichtId())).hasSize(3);
        JsonNode recipient = recipient("hvht", verwijzing.berichtId(), JUSTACT);
        assertThat(recipient.get("pogingen").asInt()).isEqualTo(3);
        assertThat(recipient.get("ontvangstbewijs").asBoolean()).isTrue();
        assertThat(ledger().receiptRows(verwijzing.berichtId())).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select uitkomst from audit_record where bericht_id = ? and stap = 'DELIVERY_ATTEMPT' order by volgnummer",
                String.class, verwijzing.berichtId())).containsExactly("RECEIPT_MISSING", "RECEIPT_DIGEST_MISMATCH", "OK"));
        assertThat(ledger().auditCount(verwijzing.berichtId(), "RECEIPT_REJECTED")).isEqualTo(1);
        assertThat(ledger().auditCount(verwijzing.berichtId(), "RECEIPT_VERIFIED")).isEqualTo(1);
    }

    @Test
    void aPartnerThatNeverSendsAValidReceiptEndsFailed() {
        ENDPOINTS.answers(JUSTACT, aResponse().withStatus(200).withTransformers(OntvangstbewijsTransformer.NAME)
                .withTransformerParameter(OntvangstbewijsTransformer.FOUT, "ondertekenaar"));
        Example verwijzing = verwijzingWithConsentTo(JUSTACT);

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);

        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(JUSTACT, "FAILED"));
        JsonNode recipient = recipient("hvht", verwijzing.berichtId(), JUSTACT);
        assertThat(recipient.get("reden").asText()).isEqualTo("RECEIPT_SIGNER_MISMATCH");
        assertThat(recipient.get("pogingen").asInt()).isEqualTo(4);
        assertThat(recipient.get("ontvangstbewijs").asBoolean()).isFalse();
        assertThat(ENDPOINTS.served(JUSTACT, verwijzing.berichtId())).hasSize(4);
        assertThat(ledger().receiptRows(verwijzing.berichtId())).isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A Verwijzing to this care partner for a fresh participant with full consent. */
    private Example verwijzingWithConsentTo(String zorgpartner) {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, zorgpartner);
        return verwijzingTo(zorgpartner, deelnemer);
    }

    private void awaitAudit(String berichtId, String stap, String uitkomst) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ledger().auditCount(berichtId, stap, uitkomst))
                .isEqualTo(1));
    }

    /** A download in the console session of {@code admin} (password + TOTP login, see GatewayTestSupport). */
    private static HttpResponse<byte[]> adminDownload(Admin admin, String path) {
        try {
            return adminSession(admin).client().send(HttpRequest.newBuilder(adminUri(path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
