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
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Abuse limits on the real HTTPS API: the per-partner rate limit (GatewayTestSupport gives
 * {@code leger-des-heils}, which no other test posts as, 1 request/s with a burst of 3), the per-partner concurrency
 * limit (4 for {@code gemeente-losser}, which no other test posts as) against slow bodies, the body size limit
 * for chunked bodies (no Content-Length), the minimum body rate for a trickling body, the read timeout for a body
 * that stops arriving, and problem+json (never an empty 403) for every error dispatch on the partner port.
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
    void aSilentBodyIsAnswered408ProblemJsonAfterTheReadTimeout() throws IOException {
        long before = checks.auditHead();
        Instant start = Instant.now();
        String answer;
        try (SSLSocket socket = open("hvht")) {
            socket.setSoTimeout((int) Duration.ofSeconds(90).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head(5000, "application/xml").getBytes(StandardCharsets.US_ASCII));
            out.write("<".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Then silence: the server must answer and close the connection by itself.
            answer = answerUntilClosed(socket.getInputStream());
        }
        Duration held = Duration.between(start, Instant.now());

        // server.tomcat.connection-timeout is 20s: the body read fails after one silence, the answer follows and the
        // connection is closed without draining the rest of the declared body.
        assertThat(held).as("connection held by a silent body").isBetween(Duration.ofSeconds(19), Duration.ofSeconds(35));
        assertProblem(answer, RejectionCode.REQUEST_TIMEOUT);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select afzender from audit_record where volgnummer > ? and stap = 'REJECTED' and uitkomst = ?",
                String.class, before, RejectionCode.REQUEST_TIMEOUT.name())).containsExactly("hvht"));
    }

    @Test
    void aTricklingBodyIsCutOffAtTheMinimumRateAndItsConnectionClosed() throws Exception {
        long before = checks.auditHead();
        Instant start = Instant.now();
        String answer;
        try (SSLSocket socket = open("hvht"); Trickle trickle = new Trickle(socket, 1, Duration.ofMillis(500))) {
            socket.getOutputStream().write(head(50_000, "application/xml").getBytes(StandardCharsets.US_ASCII));
            trickle.start();
            answer = answerUntilClosed(socket.getInputStream());
        }
        Duration held = Duration.between(start, Instant.now());

        // ketenpoort.intake.body-min-rate 4KB/s after 2s: cut off seconds after the grace, not at body-timeout (30s)
        assertThat(held).as("connection held by a trickling body").isLessThan(Duration.ofSeconds(10));
        assertProblem(answer, RejectionCode.REQUEST_TIMEOUT);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select afzender || ' ' || reden from audit_record where volgnummer > ? and stap = 'REJECTED' and uitkomst = ?",
                String.class, before, RejectionCode.REQUEST_TIMEOUT.name()))
                .containsExactly("hvht POST /api/v1/berichten " + MinimumBodyRateFilter.REASON));
    }

    @Test
    void onePartnersSlowBodiesHoldOnlyItsOwnLimitAndDoNotDelayAnotherPartner() throws Exception {
        // GatewayTestSupport gives SLOW a concurrency limit of 4; each body trickles in just above the minimum rate
        // (6 KB/s), so all four stay under way for seconds.
        List<SSLSocket> sockets = new ArrayList<>();
        List<Trickle> trickles = new ArrayList<>();
        try {
            for (int i = 0; i < SLOW_LIMIT; i++) {
                SSLSocket socket = open(SLOW);
                socket.getOutputStream().write(head(120_000, "application/xml").getBytes(StandardCharsets.US_ASCII));
                Trickle trickle = new Trickle(socket, 600, Duration.ofMillis(100));
                trickle.start();
                sockets.add(socket);
                trickles.add(trickle);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> concurrency.inUse(SLOW) == SLOW_LIMIT);

            // One more request of that partner is refused at once, before its body is read, and its connection closed.
            for (int attempt = 0; attempt < 5; attempt++) {
                long before = checks.auditHead();
                Instant start = Instant.now();
                String answer;
                try (SSLSocket extra = open(SLOW); Trickle trickle = new Trickle(extra, 1, Duration.ofSeconds(1))) {
                    extra.getOutputStream().write(head(50_000, "application/xml").getBytes(StandardCharsets.US_ASCII));
                    trickle.start();
                    answer = answerUntilClosed(extra.getInputStream());
                }
                assertThat(Duration.between(start, Instant.now())).as("refusal %d and close", attempt)
                        .isLessThan(Duration.ofSeconds(3));
                assertProblem(answer, RejectionCode.RATE_LIMITED);
                assertThat(answer).containsIgnoringCase("Retry-After: 1");
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(jdbc.queryForList(
                        "select afzender || ' ' || reden from audit_record where volgnummer > ? and stap = 'REJECTED' and uitkomst = ?",
                        String.class, before, RejectionCode.RATE_LIMITED.name()))
                        .containsExactly(SLOW + " POST /api/v1/berichten " + ConcurrencyLimitInterceptor.REASON));
            }
            assertThat(concurrency.inUse(SLOW)).as("the slow bodies are still under way").isEqualTo(SLOW_LIMIT);

            // A refused request whose body has arrived whole is discarded and its connection kept open: the client's
            // next request goes on the same connection (no new TLS handshake) and is read from its first byte.
            try (SSLSocket kept = open(SLOW)) {
                byte[] body = example("overdracht", deelnemer).xml().getBytes(StandardCharsets.UTF_8);
                byte[] request = (head(body.length, "application/xml") + new String(body, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                for (int i = 0; i < 3; i++) {
                    kept.getOutputStream().write(request); // one write, so the body arrives with the head
                    kept.getOutputStream().flush();
                    String answer = oneAnswer(kept.getInputStream());
                    assertProblem(answer, RejectionCode.RATE_LIMITED);
                    assertThat(answer).as("answer %d on the same connection", i).doesNotContainIgnoringCase("Connection: close");
                }
            }
            // A chunked body is never read after a refusal (a chunk header that has half arrived would make the read
            // wait): refused at once, and its connection closed.
            try (SSLSocket chunked = open(SLOW)) {
                Instant start = Instant.now();
                chunked.getOutputStream().write(("POST /api/v1/berichten HTTP/1.1\r\nHost: localhost\r\nContent-Type:"
                        + " application/xml\r\nTransfer-Encoding: chunked\r\n\r\n1").getBytes(StandardCharsets.US_ASCII));
                chunked.getOutputStream().flush();
                String answer = answerUntilClosed(chunked.getInputStream());
                assertThat(Duration.between(start, Instant.now())).as("chunked refusal and close").isLessThan(Duration.ofSeconds(3));
                assertProblem(answer, RejectionCode.RATE_LIMITED);
            }

            // Another partner, meanwhile, is not delayed.
            for (int i = 0; i < 10; i++) {
                Instant start = Instant.now();
                assertThat(get("hvht", "/api/v1/berichten/" + java.util.UUID.randomUUID()).statusCode()).isEqualTo(404);
                assertThat(Duration.between(start, Instant.now())).as("status request %d of another partner", i)
                        .isLessThan(Duration.ofSeconds(1));
            }
            Instant start = Instant.now();
            assertThat(submit("hvht", example("overdracht", deelnemer).xml()).statusCode()).isEqualTo(202);
            assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Trickle trickle : trickles) {
                trickle.close();
            }
            for (SSLSocket socket : sockets) {
                socket.close();
            }
        }
        // The permits come back when the slow requests end (here: their clients went away).
        await().atMost(Duration.ofSeconds(30)).until(() -> concurrency.inUse(SLOW) == 0);
    }

    @Test
    void everyErrorDispatchOnThePartnerPortIsProblemJsonNotAnEmpty403() throws IOException {
        for (String path : List.of("/niet-bestaand", "/error", "/beheer/", "/actuator/health")) {
            String answer;
            try (SSLSocket socket = open("hvht")) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                answer = answerUntilClosed(socket.getInputStream());
            }
            assertThat(answer).as(path).startsWith("HTTP/1.1 403");
            assertProblem(answer, RejectionCode.FORBIDDEN);
        }
    }

    // ---- raw HTTP over mutual TLS ---------------------------------------------------------------------

    private static final String SLOW = "gemeente-losser";
    private static final int SLOW_LIMIT = 4;

    @Autowired
    private PartnerConcurrency concurrency;

    private SSLSocket open(String partnerId) throws IOException {
        SSLSocket socket = (SSLSocket) TestPki.clientContext(partnerId).getSocketFactory().createSocket("localhost", port);
        socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
        socket.startHandshake();
        return socket;
    }

    private static String head(int contentLength, String contentType) {
        return "POST /api/v1/berichten HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + contentLength + "\r\n\r\n";
    }

    /** Everything the server sends until it closes the connection (a reset counts as closed). */
    private static String answerUntilClosed(InputStream in) {
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1024];
        try {
            int n;
            while ((n = in.read(buffer)) != -1) {
                answer.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the server kept the connection open; received: " + answer);
        } catch (IOException reset) {
            // closed
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    /** One answer (its head, and its body by Content-Length or in chunks), the connection left open. */
    private static String oneAnswer(InputStream in) throws IOException {
        String head = line(in, "\r\n\r\n");
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            return head + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }
        assertThat(head).as("an answer with a length or in chunks").containsIgnoringCase("Transfer-Encoding: chunked");
        StringBuilder body = new StringBuilder();
        for (int size = Integer.parseInt(line(in, "\r\n").strip(), 16); size > 0;
                size = Integer.parseInt(line(in, "\r\n").strip(), 16)) {
            body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            line(in, "\r\n");
        }
        line(in, "\r\n"); // the end of the chunks
        return head + body;
    }

    /** What the server sends up to and including {@code end}. */
    private static String line(InputStream in, String end) throws IOException {
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the server closed the connection; received: " + read);
            }
            read.write(b);
        }
        return read.toString(StandardCharsets.ISO_8859_1);
    }

    /** The raw answer is problem+json with this code and status. */
    private static void assertProblem(String answer, RejectionCode code) {
        assertThat(answer).as("answer").startsWith("HTTP/1.1 " + code.httpStatus());
        assertThat(answer).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).contains("\"code\":\"" + code.name() + "\"");
    }

    /** Writes {@code bytes} bytes every {@code every} on a socket until it fails or is closed. */
    private static final class Trickle implements AutoCloseable {

        private final Thread thread;

        Trickle(SSLSocket socket, int bytes, Duration every) {
            this.thread = new Thread(() -> {
                byte[] chunk = " ".repeat(bytes).getBytes(StandardCharsets.US_ASCII);
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write("<?xml version=\"1.0\"?>".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    while (!Thread.currentThread().isInterrupted()) {
                        java.util.concurrent.locks.LockSupport.parkNanos(every.toNanos());
                        out.write(chunk);
                        out.flush();
                    }
                } catch (IOException closed) {
                    // the server cut the body off
                }
            }, "trickle");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        @Override
        public void close() {
            thread.interrupt();
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
