package nl.hvht.ketenpoort.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Abuse limits on the real HTTPS API: the per-partner rate limit (GatewayTestSupport gives
 * {@code leger-des-heils}, which no other test posts as, 1 request/s with a burst of 3), the body size limit
 * for chunked bodies (no Content-Length), and the read timeout for a body that stops arriving.
 */
class AbuseIT extends GatewayTestSupport {

    private static final String LIMITED = "leger-des-heils";

    @Autowired
    private JdbcTemplate jdbc;

    private RefusalChecks checks;
    private String deelnemer;

    @BeforeEach
    void setUp() {
        checks = new RefusalChecks(jdbc, PARTNERS);
        deelnemer = newParticipant();
    }

    @Test
    void partnerOverItsRateLimitGets429WithRetryAfterAndNothingIsDone() {
        List<Integer> answers = new ArrayList<>();
        HttpResponse<String> limited = null;
        String limitedId = null;
        long before = 0;
        for (int i = 0; i < 20 && limited == null; i++) {
            Message message = fromLimited();
            before = checks.auditHead();
            HttpResponse<String> response = submit(LIMITED, message.xml());
            answers.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
                limitedId = message.berichtId();
            }
        }

        assertThat(limited).as("a 429 within 20 requests at 1/s, answers " + answers).isNotNull();
        assertThat(answers.subList(0, 3)).as("the burst of 3 is allowed").doesNotContain(429);
        assertThat(limited.headers().firstValue("Retry-After")).as("Retry-After in seconds").contains("1");
        Map<String, Object> record = checks.assertRefused(limited, RejectionCode.RATE_LIMITED, limitedId, LIMITED, before,
                deelnemer);
        assertThat(record.get("bericht_id")).as("the body was never read").isNull();

        // Another partner, at the same moment, is not affected.
        Example other = example("overdracht", deelnemer);
        assertThat(submit("hvht", other.xml()).statusCode()).isEqualTo(202);
    }

    @Test
    void chunkedBodyWithinTheLimitIsAccepted() {
        Example overdracht = example("overdracht", deelnemer);

        HttpResponse<String> response = chunked("hvht", overdracht.xml().getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void chunkedBodyOverTheLimitIsRefusedBeforeParsing() {
        Example overdracht = example("overdracht", deelnemer);
        String padding = "<!-- " + "x".repeat(1024 * 1024) + " -->";
        byte[] xml = overdracht.xml().replace("<inhoud>", padding + "<inhoud>").getBytes(StandardCharsets.UTF_8);
        assertThat(xml.length).isGreaterThan(1024 * 1024);
        long before = checks.auditHead();

        HttpResponse<String> response = chunked("hvht", xml);

        checks.assertRefused(response, RejectionCode.PAYLOAD_TOO_LARGE, overdracht.berichtId(), "hvht", before,
                deelnemer, "xxxxxxxx");
    }

    @Test
    void bodyThatStopsArrivingIsCutOffByTheReadTimeout() throws IOException {
        long before = checks.auditHead();
        Instant start = Instant.now();
        try (SSLSocket socket = (SSLSocket) TestPki.clientContext("hvht").getSocketFactory().createSocket("localhost", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(90).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/berichten HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/xml\r\n"
                    + "Content-Length: 5000\r\n\r\n<?xml version=\"1.0\"?>").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Then silence: the server must end the request and close the connection by itself.
            assertThat(closedByServer(socket.getInputStream())).as("connection closed by the server").isTrue();
        }
        Duration held = Duration.between(start, Instant.now());

        // server.tomcat.connection-timeout is 20s: the body read fails after one silence; Tomcat then drains
        // the rest of the declared body, which takes one more silence, and closes.
        assertThat(held).as("connection held by a silent body").isBetween(Duration.ofSeconds(19), Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select afzender from audit_record where volgnummer > ? and stap = 'REJECTED' and uitkomst = ?",
                String.class, before, RejectionCode.REQUEST_TIMEOUT.name())).containsExactly("hvht"));
    }

    /** True when the server closed the connection (end of stream or reset), false when our read timed out. */
    private static boolean closedByServer(InputStream in) {
        byte[] buffer = new byte[1024];
        try {
            while (in.read(buffer) != -1) {
                // the 408 answer, if Tomcat still writes one
            }
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** A fresh overdracht sent by the rate-limited partner: its berichtId and XML. */
    private Message fromLimited() {
        Example message = example("overdracht", deelnemer);
        return new Message(message.berichtId(),
                message.xml().replace("<afzender>hvht</afzender>", "<afzender>" + LIMITED + "</afzender>"));
    }

    private record Message(String berichtId, String xml) {
    }

    /** Posts with an unknown length, so HTTP/1.1 chunked transfer encoding and no Content-Length. */
    private HttpResponse<String> chunked(String partnerId, byte[] body) {
        return send(partnerId, HttpRequest.newBuilder(api("/api/v1/berichten"))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }
}
