package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail of a delivered message, end to end: every step with its ids and pseudonym (never the
 * participant id), the chain check on the management port detecting a DBA's edit, and the health
 * endpoint covering database and broker.
 */
class AuditTrailIT extends GatewayTestSupport {

    private static final List<String> RECIPIENTS = List.of("gemeente-enschede", "reclassering-nederland");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private Pseudonymizer pseudonymizer;

    @Autowired
    private Environment environment;

    private final HttpClient management = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void deliveredOverdrachtLeavesEveryStepWithIdsAndPseudonymOnly() {
        String deelnemer = newParticipant();
        Example overdracht = delivered(deelnemer);

        List<Map<String, Object>> records = awaitTrail(overdracht.berichtId());

        Map<String, Object> received = only(records, "RECEIVED", null);
        String traceId = (String) received.get("trace_id");
        assertThat(traceId).isNotBlank();
        assertThat(received.get("uitkomst")).isEqualTo("OK");
        assertThat(received.get("categorieen")).isEqualTo(
                "basisvoorwaarden,behandeling,detentie,gezondheid,identificatie,leefgebieden,netwerk,risico");
        for (Map<String, Object> r : records) {
            assertThat(r.get("trace_id")).as("trace id of %s", r.get("stap")).isEqualTo(traceId);
            assertThat(r.get("bericht_type")).isEqualTo("Overdracht");
            assertThat(r.get("afzender")).isEqualTo("hvht");
            assertThat(r.get("deelnemer_pseudoniem")).isEqualTo(pseudonymizer.pseudonym(deelnemer));
            assertThat((String) r.get("categorieen")).isNotBlank();
        }
        for (String recipient : RECIPIENTS) {
            Map<String, Object> intake = onlyDecision(records, recipient, "INTAKE ");
            Map<String, Object> delivery = onlyDecision(records, recipient, "BEZORGING ");
            Map<String, Object> queued = only(records, "QUEUED", recipient);
            Map<String, Object> attempt = only(records, "DELIVERY_ATTEMPT", recipient);
            Map<String, Object> done = only(records, "DELIVERED", recipient);
            assertThat(intake.get("uitkomst")).isEqualTo("ALLOWED");
            assertThat(delivery.get("uitkomst")).isEqualTo("ALLOWED");
            assertThat(attempt.get("uitkomst")).isEqualTo("OK");
            assertThat(done.get("uitkomst")).isEqualTo("OK");
            // Queueing and delivery run concurrently (the consumer may decide before QUEUED is written),
            // so the order is checked per chain of cause and effect.
            assertThat(List.of(received, intake, queued)).as("intake order for %s", recipient)
                    .extracting(r -> (Long) r.get("volgnummer")).isSorted().doesNotHaveDuplicates();
            assertThat(List.of(intake, delivery, attempt, done)).as("delivery order for %s", recipient)
                    .extracting(r -> (Long) r.get("volgnummer")).isSorted().doesNotHaveDuplicates();
        }
        assertThat(records).as("no other steps for this message").hasSize(1 + RECIPIENTS.size() * 5);

        // Not in this message's records, and not anywhere in the whole audit table either.
        assertThat(jdbc.queryForList("select * from audit_record")).allSatisfy(row -> assertThat(row.values())
                .noneMatch(v -> v != null && v.toString().contains(deelnemer)));
    }

    @Test
    void auditChainEndpointDetectsAnEditByADbaAndNamesTheRecord() throws Exception {
        Example overdracht = delivered(newParticipant());
        Map<String, Object> target = only(awaitTrail(overdracht.berichtId()), "QUEUED", "gemeente-enschede");
        long volgnummer = (Long) target.get("volgnummer");
        String original = (String) target.get("ontvanger");

        JsonNode intact = auditChain();
        assertThat(intact.get("valid").asBoolean()).isTrue();
        assertThat(intact.get("checkedRecords").asLong()).isGreaterThanOrEqualTo(volgnummer);

        try (Connection dba = DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
                "postgres", "")) {
            try {
                try (Statement s = dba.createStatement()) {
                    s.execute("set session_replication_role = replica");
                }
                assertThat(update(dba, volgnummer, "gemeente-hengelo")).isEqualTo(1);

                JsonNode broken = auditChain();
                assertThat(broken.get("valid").asBoolean()).isFalse();
                assertThat(broken.get("firstBrokenVolgnummer").asLong()).isEqualTo(volgnummer);
                assertThat(broken.get("problem").asText()).isEqualTo("HASH_MISMATCH");
                assertThat(broken.get("checkedRecords").asLong()).isEqualTo(volgnummer - 1);
            } finally {
                update(dba, volgnummer, original);
                try (Statement s = dba.createStatement()) {
                    s.execute("set session_replication_role = default");
                }
            }
        }

        assertThat(jdbc.queryForObject("select ontvanger from audit_record where volgnummer = ?", String.class, volgnummer))
                .isEqualTo(original);
        assertThat(auditChain().get("valid").asBoolean()).isTrue();
    }

    @Test
    void theAppendOnlyTriggersRefuseAnOrdinaryUpdate() {
        Example overdracht = delivered(newParticipant());
        long volgnummer = (Long) only(awaitTrail(overdracht.berichtId()), "RECEIVED", null).get("volgnummer");

        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                jdbc.update("update audit_record set uitkomst = 'X' where volgnummer = ?", volgnummer))
                .isInstanceOf(org.springframework.dao.DataAccessException.class);
        assertThat(jdbc.queryForObject("select uitkomst from audit_record where volgnummer = ?", String.class, volgnummer))
                .isEqualTo("OK");
    }

    @Test
    void healthShowsDatabaseAndBrokerUp() throws Exception {
        HttpResponse<String> response = management.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/health")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/details/database").asText()).isEqualTo("PostgreSQL");
        assertThat(health.at("/components/jms/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/jms/details/provider").asText()).containsIgnoringCase("ActiveMQ");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private Example delivered(String deelnemer) {
        registerFullConsent(deelnemer, RECIPIENTS.toArray(String[]::new));
        Example overdracht = example("overdracht", deelnemer);
        assertThat(submit("hvht", overdracht.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", overdracht.berichtId()))
                .isEqualTo(Map.of("gemeente-enschede", "DELIVERED", "reclassering-nederland", "DELIVERED"));
        return overdracht;
    }

    /** The message's records once both DELIVERED records are written (the ledger can be ahead of the audit). */
    private List<Map<String, Object>> awaitTrail(String berichtId) {
        String sql = "select * from audit_record where bericht_id = ? order by volgnummer";
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.queryForList(sql, berichtId).stream().filter(r -> "DELIVERED".equals(r.get("stap"))).count()
                        == RECIPIENTS.size());
        return jdbc.queryForList(sql, berichtId);
    }

    private static Map<String, Object> only(List<Map<String, Object>> records, String stap, String ontvanger) {
        List<Map<String, Object>> matches = records.stream()
                .filter(r -> stap.equals(r.get("stap")) && java.util.Objects.equals(ontvanger, r.get("ontvanger")))
                .toList();
        assertThat(matches).as("%s records for %s", stap, ontvanger).hasSize(1);
        return matches.get(0);
    }

    private static Map<String, Object> onlyDecision(List<Map<String, Object>> records, String ontvanger, String phase) {
        List<Map<String, Object>> matches = records.stream()
                .filter(r -> "CONSENT_DECISION".equals(r.get("stap")) && ontvanger.equals(r.get("ontvanger"))
                        && ((String) r.get("reden")).startsWith(phase))
                .toList();
        assertThat(matches).as("%sconsent decisions for %s", phase, ontvanger).hasSize(1);
        assertThat((String) matches.get(0).get("reden")).as("ground").startsWith(phase + "toestemming:");
        return matches.get(0);
    }

    private static int update(Connection dba, long volgnummer, String ontvanger) throws Exception {
        try (PreparedStatement update = dba.prepareStatement("update audit_record set ontvanger = ? where volgnummer = ?")) {
            update.setString(1, ontvanger);
            update.setLong(2, volgnummer);
            return update.executeUpdate();
        }
    }

    private JsonNode auditChain() throws Exception {
        HttpResponse<String> response = management.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + managementPort + "/actuator/auditchain")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
