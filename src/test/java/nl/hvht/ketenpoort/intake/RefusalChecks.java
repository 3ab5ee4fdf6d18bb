package nl.hvht.ketenpoort.intake;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.hvht.ketenpoort.problem.RejectionCode;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The checks every refused request must pass: problem+json with the stable code and no content, nothing
 * stored, queued or delivered, and exactly one REJECTED audit record with that code.
 */
public final class RefusalChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final WireMockServer partners;

    public RefusalChecks(JdbcTemplate jdbc, WireMockServer partners) {
        this.jdbc = jdbc;
        this.partners = partners;
    }

    /** The last audit volgnummer now; pass it to {@link #assertRefused} to find the records written after it. */
    public long auditHead() {
        return jdbc.queryForObject("select coalesce(max(volgnummer), 0) from audit_record", Long.class);
    }

    /**
     * Asserts the refusal and returns its single REJECTED audit record.
     *
     * @param berichtId  the berichtId in the refused body (null if it had none)
     * @param caller     partner id the REJECTED record must name (null: the caller was not identified)
     * @param forbidden  strings that must not appear in the response body (participant id, planted secrets)
     */
    public Map<String, Object> assertRefused(HttpResponse<String> response, RejectionCode code, String berichtId,
            String caller, long auditBefore, String... forbidden) {
        assertThat(response.statusCode()).as("HTTP status").isEqualTo(code.httpStatus());
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        JsonNode body = json(response.body());
        assertThat(body.path("code").asText()).isEqualTo(code.name());
        assertThat(body.path("status").asInt()).isEqualTo(code.httpStatus());
        assertThat(body.path("title").asText()).isEqualTo(code.title());
        assertThat(response.body()).as("no XML in the problem").doesNotContain("<", "&");
        for (String s : forbidden) {
            assertThat(response.body()).as("problem body leaks a planted value").doesNotContainIgnoringCase(s);
        }

        if (berichtId != null) {
            UUID id = UUID.fromString(berichtId);
            assertThat(jdbc.queryForObject("select count(*) from bericht where bericht_id = ?", Long.class, id))
                    .as("stored message").isZero();
            assertThat(jdbc.queryForObject("select count(*) from bezorging where bericht_id = ?", Long.class, id))
                    .as("delivery rows").isZero();
            assertThat(jdbc.queryForList("select stap from audit_record where bericht_id = ? and stap in "
                    + "('CONSENT_DECISION', 'QUEUED', 'DELIVERY_ATTEMPT', 'DELIVERED', 'WITHHELD', 'DEAD_LETTERED')",
                    String.class, berichtId)).as("pipeline steps after the refusal").isEmpty();
            // Deliveries are asynchronous: nothing may reach a partner for a while after the answer either.
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                    .until(() -> deliveriesOf(berichtId) == 0);
        }

        List<Map<String, Object>> rejected = jdbc.queryForList(
                "select * from audit_record where volgnummer > ? and stap = 'REJECTED' and uitkomst = ? order by volgnummer",
                auditBefore, code.name());
        assertThat(rejected).as("REJECTED audit records with " + code).hasSize(1);
        Map<String, Object> record = rejected.get(0);
        assertThat(record.get("afzender")).as("caller in the audit record").isEqualTo(caller);
        for (String s : forbidden) {
            assertThat(record.values()).as("audit record holds a planted value")
                    .noneMatch(v -> v != null && v.toString().toLowerCase().contains(s.toLowerCase()));
        }
        return record;
    }

    /** Requests any partner endpoint received for this berichtId (its Idempotency-Key). */
    public long deliveriesOf(String berichtId) {
        return partners.findAll(anyRequestedFor(anyUrl())).stream()
                .filter(r -> berichtId.equals(r.getHeader("Idempotency-Key")))
                .count();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
