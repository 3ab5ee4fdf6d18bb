package nl.hvht.ketenpoort.alert;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Alerts end to end: a dead letter opens ONE incident (one mail, one webhook call); clearing it sends RESOLVED. */
class AlertsIT extends GatewayTestSupport {

    private static final String PARTNER = "transfore";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aDeadLetterGivesOneMailAndOneWebhookCallPerIncidentAndResolvedWhenItClears() throws Exception {
        // Start from no open dead letters (other tests leave some): discard them and wait until the incident is resolved.
        jdbc.update("update bezorging set afgevoerd_op = now(), afgevoerd_door = 'test', afvoer_code = 'ANDERS'"
                + " where status = 'FAILED' and afgevoerd_op is null");
        await().atMost(Duration.ofSeconds(15)).until(() -> openIncidents("dlq") == 0);
        MAIL.purgeEmailFromAllMailboxes();
        WEBHOOK.resetRequests();

        PARTNERS.stubFor(post(urlPathEqualTo("/ontvangst/" + PARTNER)).willReturn(aResponse().withStatus(400)));
        Example first = failed();
        await().atMost(Duration.ofSeconds(15)).until(() -> openIncidents("dlq") == 1);
        long id = jdbc.queryForObject("select id from incident where sleutel = 'dlq' and open = true", Long.class);
        String incident = "dlq (#" + id + ")";
        await().atMost(Duration.ofSeconds(15)).until(() -> mails("OPEN: " + incident).size() == 1 && webhooks(id, "OPEN").size() == 1);
        MimeMessage mail = mails("OPEN: " + incident).get(0);
        String text = (String) mail.getContent();
        assertThat(text).contains("Incident: dlq").contains("open dode brieven: 1").contains(PARTNER + "=1")
                .doesNotContain("T-").doesNotContain("<");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("beheer@ketenpoort.test");
        JsonNode hook = webhooks(id, "OPEN").get(0);
        assertThat(hook.get("incident").asText()).isEqualTo("dlq");
        assertThat(hook.get("soort").asText()).isEqualTo("DLQ");
        assertThat(hook.get("details").asText()).contains("open dode brieven: 1");

        // A second dead letter in the same incident: details change, no new mail or webhook call.
        Example second = failed();
        await().atMost(Duration.ofSeconds(10)).until(() -> "open dode brieven: 2; per ontvanger: transfore=2".equals(
                jdbc.queryForObject("select details from incident where id = ?", String.class, id)));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> mails(incident).size() == 1 && webhooks(id, null).size() == 1 && openIncidents("dlq") == 1);

        // Cleared (both discarded by an administrator): one RESOLVED notification on each channel.
        Admin beheerder = newAdmin("BEHEERDER");
        var discarded = adminPost(beheerder, "/beheer/api/v1/dode-brieven/afvoer", Map.of("items", List.of(
                Map.of("berichtId", first.berichtId(), "ontvanger", PARTNER), Map.of("berichtId", second.berichtId(), "ontvanger", PARTNER)),
                "code", "VEROUDERD", "reden", "Test: opgeruimd"));
        assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).until(() -> mails("OPGELOST: " + incident).size() == 1 && webhooks(id, "OPGELOST").size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> mails(incident).size() == 2 && webhooks(id, null).size() == 2);
        assertThat(openIncidents("dlq")).isZero();
    }

    private Example failed() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, PARTNER);
        Example message = example("verwijzing", deelnemer);
        assertThat(submit("hvht", message.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", message.berichtId())).isEqualTo(Map.of(PARTNER, "FAILED"));
        return message;
    }

    private int openIncidents(String sleutel) {
        return jdbc.queryForObject("select count(*) from incident where sleutel = ? and open = true", Integer.class, sleutel);
    }

    private static List<MimeMessage> mails(String subjectPart) {
        return Arrays.stream(MAIL.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains(subjectPart);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<JsonNode> webhooks(long id, String status) {
        return WEBHOOK.findAll(postRequestedFor(urlPathEqualTo("/alert"))).stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).filter(j -> j.get("id").asLong() == id && (status == null || status.equals(j.get("status").asText()))).toList();
    }
}
