package nl.hvht.ketenpoort.retention;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Retention on back-dated rows: the content of a settled message older than the configured days is removed, that of
 * an unsettled one is not, metadata and the audit log stay; a withheld message whose content is gone can no longer be
 * released by break-glass.
 */
class RetentionIT extends GatewayTestSupport {

    private static final String PARTNER = "transfore";

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private RetentionJob retention;

    @Autowired
    private RetentionProperties properties;

    @Test
    void theContentOfSettledMessagesOlderThanTheRetentionIsRemovedAndNothingElse() {
        Example delivered = sent(200);
        assertThat(awaitSettled("hvht", delivered.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        Example failed = sent(400);
        assertThat(awaitSettled("hvht", failed.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        Example recent = sent(200);
        assertThat(awaitSettled("hvht", recent.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        int days = properties.contentDays() + 1;
        backdate(delivered.berichtId(), days);
        backdate(failed.berichtId(), days);
        int auditBefore = auditCount(delivered.berichtId());

        assertThat(retention.run()).isGreaterThanOrEqualTo(1);

        assertThat(hasBody(delivered.berichtId())).isFalse();
        assertThat(signedCopies(delivered.berichtId())).isZero();
        // A FAILED delivery that is not discarded may still be retried: its content stays; so does a recent one's.
        assertThat(hasBody(failed.berichtId())).isTrue();
        assertThat(signedCopies(failed.berichtId())).isEqualTo(1);
        assertThat(hasBody(recent.berichtId())).isTrue();
        // Metadata, status, digest and audit stay.
        assertThat(statuses("hvht", delivered.berichtId())).isEqualTo(Map.of(PARTNER, "DELIVERED"));
        assertThat(jdbc.queryForObject("select inhoud_sha256 from bericht where bericht_id = ?::uuid", String.class,
                delivered.berichtId())).hasSize(64);
        assertThat(auditCount(delivered.berichtId())).isEqualTo(auditBefore).isPositive();

        // Bookkeeping older than the retention goes too; open incidents stay.
        java.sql.Timestamp old = java.sql.Timestamp.from(java.time.Instant.now().minus(java.time.Duration.ofDays(days)));
        String oldKey = java.util.UUID.randomUUID() + ":" + PARTNER;
        jdbc.update("insert into incident (sleutel, soort, geopend_op, details, opgelost_op, open) values (?, 'DLQ', ?, '-', ?, null)",
                "retentie-test-" + oldKey, old, old);
        jdbc.update("insert into incident (sleutel, soort, geopend_op, details, opgelost_op, open) values (?, 'DLQ', ?, '-', null, true)",
                "retentie-open-" + oldKey, old);
        retention.run();
        assertThat(jdbc.queryForObject("select count(*) from incident where sleutel = ?", Integer.class, "retentie-test-" + oldKey)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from incident where sleutel = ?", Integer.class, "retentie-open-" + oldKey)).isEqualTo(1);
        jdbc.update("delete from incident where sleutel = ?", "retentie-open-" + oldKey);

        // Once discarded, the failed one is settled too.
        jdbc.update("update bezorging set afgevoerd_op = bijgewerkt_op, afvoer_code = 'ANDERS', afgevoerd_door = 'test'"
                + " where bericht_id = ?::uuid", failed.berichtId());
        retention.run();
        assertThat(hasBody(failed.berichtId())).isFalse();
    }

    @Test
    void aWithheldMessageWhoseContentIsGoneCanNoLongerBeReleasedByBreakGlass() {
        // No consent at all: WITHHELD at intake.
        Example withheld = example("verwijzing", newParticipant());
        assertThat(submit("hvht", withheld.xml()).statusCode()).isIn(200, 202);
        assertThat(awaitSettled("hvht", withheld.berichtId())).isEqualTo(Map.of(PARTNER, "WITHHELD"));
        backdate(withheld.berichtId(), properties.contentDays() + 1);
        retention.run();
        assertThat(hasBody(withheld.berichtId())).isFalse();

        Admin beheerder1 = newAdmin("BEHEERDER");
        Admin beheerder2 = newAdmin("BEHEERDER");
        HttpResponse<String> requested = adminPost(beheerder1, "/beheer/api/v1/doorbraken", Map.of("berichtId", withheld.berichtId(),
                "ontvanger", PARTNER, "motivering", "Acute situatie, verwijzing moet vandaag alsnog naar de zorgpartner."));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        HttpResponse<String> approved = adminPost(beheerder2, "/beheer/api/v1/doorbraken/" + json(requested).get("id").asText()
                + "/goedkeuring", null);
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(409);
        assertThat(json(approved).get("code").asText()).isEqualTo("DOORBRAAK_NIET_MOGELIJK");
        assertThat(statuses("hvht", withheld.berichtId())).isEqualTo(Map.of(PARTNER, "WITHHELD"));
    }

    private Example sent(int partnerStatus) {
        PARTNERS.stubFor(post(urlPathEqualTo("/ontvangst/" + PARTNER)).willReturn(aResponse().withStatus(partnerStatus)));
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, PARTNER);
        Example message = example("verwijzing", deelnemer);
        assertThat(submit("hvht", message.xml()).statusCode()).isEqualTo(202);
        return message;
    }

    private void backdate(String berichtId, int days) {
        jdbc.update("update bericht set ontvangen_op = ontvangen_op - make_interval(days => ?) where bericht_id = ?::uuid", days, berichtId);
        jdbc.update("update bezorging set bijgewerkt_op = bijgewerkt_op - make_interval(days => ?) where bericht_id = ?::uuid", days, berichtId);
    }

    private boolean hasBody(String berichtId) {
        return jdbc.queryForObject("select inhoud is not null from bericht where bericht_id = ?::uuid", Boolean.class, berichtId);
    }

    private int signedCopies(String berichtId) {
        return jdbc.queryForObject("select count(*) from bezorging where bericht_id = ?::uuid and ondertekend is not null", Integer.class,
                berichtId);
    }

    private int auditCount(String berichtId) {
        return jdbc.queryForObject("select count(*) from audit_record where bericht_id = ?", Integer.class, berichtId);
    }
}
