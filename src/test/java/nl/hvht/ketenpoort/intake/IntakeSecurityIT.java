package nl.hvht.ketenpoort.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import nl.hvht.ketenpoort.demo.pki.CertificateAuthority;
import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The partner API's edge over real mutual TLS: who may connect, who may send as whom, who may read what,
 * and that every refusal is a content-free problem+json that changes nothing and leaves one audit record.
 */
class IntakeSecurityIT extends GatewayTestSupport {

    /** OIN of hvht in partners-example.yml. */
    private static final String HVHT_OIN = "00000001900000001000";
    /** A well-formed OIN that no partner in the registry has. */
    private static final String UNKNOWN_OIN = "00000001900000999000";

    @Autowired
    private JdbcTemplate jdbc;

    private RefusalChecks checks;

    @BeforeEach
    void checks() {
        checks = new RefusalChecks(jdbc, PARTNERS);
    }

    // ---- who may connect ------------------------------------------------------------------------------

    @Test
    void withoutClientCertificateTheHandshakeFails() {
        SSLContext trustOnly = context(null);
        Example message = example("overdracht", newParticipant());
        long before = checks.auditHead();

        assertThatThrownBy(() -> post(trustOnly, message.xml())).isInstanceOf(IOException.class);

        assertNothingHappened(message.berichtId(), before);
    }

    @Test
    void certificateFromAnUntrustedCaIsRefusedInTheHandshake() {
        CertificateAuthority rogue = CertificateAuthority.create("Ketenpoort Voorbeeld-CA",
                "Ketenpoort voorbeeld (niet voor productie)", 1);
        IssuedCertificate fake = rogue.issue(CertificateProfile.TLS, "hvht", "hvht", HVHT_OIN);
        Example message = example("overdracht", newParticipant());
        long before = checks.auditHead();

        assertThatThrownBy(() -> post(context(fake), message.xml())).isInstanceOf(IOException.class);

        assertNothingHappened(message.berichtId(), before);
    }

    @Test
    void expiredCertificateOfAPartnerIsRefusedInTheHandshake() {
        java.time.Instant now = java.time.Instant.now();
        IssuedCertificate expired = TestPki.pki().ca().issue(CertificateProfile.TLS, "hvht", "hvht", HVHT_OIN,
                now.minus(java.time.Duration.ofDays(400)), now.minus(java.time.Duration.ofDays(1)));
        Example message = example("overdracht", newParticipant());
        long before = checks.auditHead();

        assertThatThrownBy(() -> post(context(expired), message.xml())).isInstanceOf(IOException.class);

        assertNothingHappened(message.berichtId(), before);
    }

    @Test
    void trustedCertificateWithAnUnknownOinIsUnknownSender() throws Exception {
        IssuedCertificate stranger = TestPki.pki().ca().issue(CertificateProfile.TLS, "onbekend", "Onbekende organisatie",
                UNKNOWN_OIN);
        String deelnemer = newParticipant();
        Example message = example("overdracht", deelnemer);
        long before = checks.auditHead();

        HttpResponse<String> response = post(context(stranger), message.xml());

        checks.assertRefused(response, RejectionCode.UNKNOWN_SENDER, message.berichtId(), null, before,
                deelnemer, "Pieter Jan", "999993653");
    }

    @Test
    void clientInitiatedRenegotiationIsRefusedOnTheSameConnection() throws Exception {
        assertThat(Boolean.getBoolean("jdk.tls.rejectClientInitiatedRenegotiation"))
                .as("set before the first server handshake (KetenpoortApplication, failsafe configuration)").isTrue();
        try (javax.net.ssl.SSLSocket socket = tls12Socket()) {
            // A first request on the connection works ...
            assertThat(statusLine(socket)).startsWith("HTTP/1.1 404");
            // ... a renegotiation the client starts is refused: the connection ends, no second answer.
            assertThatThrownBy(() -> {
                socket.startHandshake();
                String line = statusLine(socket);
                if (line.isEmpty()) {
                    throw new IOException("closed by the server");
                }
                throw new AssertionError("answered after a renegotiation: " + line);
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void renegotiationRightAfterTheFirstHandshakeIsRefusedToo() throws Exception {
        try (javax.net.ssl.SSLSocket socket = tls12Socket()) {
            assertThatThrownBy(() -> {
                socket.startHandshake();
                String line = statusLine(socket);
                if (line.isEmpty()) {
                    throw new IOException("closed by the server");
                }
                throw new AssertionError("answered after a renegotiation: " + line);
            }).isInstanceOf(IOException.class);
        }
        // the port still serves new connections
        try (javax.net.ssl.SSLSocket socket = tls12Socket()) {
            assertThat(statusLine(socket)).startsWith("HTTP/1.1 404");
        }
    }

    /** A TLS 1.2 connection as hvht, handshake done. */
    private javax.net.ssl.SSLSocket tls12Socket() throws IOException {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) TestPki.clientContext("hvht").getSocketFactory()
                .createSocket("localhost", port);
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {"TLSv1.2"});
        socket.startHandshake();
        assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        return socket;
    }

    /** Sends a status GET (unknown id) and returns the answer's status line ("" when the connection ended). */
    private static String statusLine(javax.net.ssl.SSLSocket socket) throws IOException {
        socket.getOutputStream().write(("GET /api/v1/berichten/" + java.util.UUID.randomUUID()
                + " HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        java.io.InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.toString().endsWith("\r\n\r\n")) {
                String text = head.toString();
                java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                if (length.find()) {
                    in.readNBytes(Integer.parseInt(length.group(1)));
                } else {
                    StringBuilder chunks = new StringBuilder();
                    while (!chunks.toString().endsWith("\r\n0\r\n\r\n") && (b = in.read()) != -1) {
                        chunks.append((char) b);
                    }
                }
                return text.substring(0, text.indexOf("\r\n"));
            }
        }
        return "";
    }

    // ---- who may send as whom -------------------------------------------------------------------------

    @Test
    void afzenderOtherThanTheCertificatesPartnerIsSenderMismatch() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "gemeente-enschede", "reclassering-nederland");
        Example message = example("overdracht", deelnemer);
        long before = checks.auditHead();

        HttpResponse<String> response = submit("reclassering-nederland", message.xml());

        Map<String, Object> rejected = checks.assertRefused(response, RejectionCode.SENDER_MISMATCH, message.berichtId(),
                "reclassering-nederland", before, deelnemer, "Pieter Jan", "999993653");
        // The message was readable: its refusal names it, so the sender's claim can be traced.
        assertThat(rejected.get("bericht_id")).isEqualTo(message.berichtId());
        assertThat(rejected.get("bericht_type")).isEqualTo("Overdracht");
    }

    // ---- who may read what ----------------------------------------------------------------------------

    @Test
    void onlyTheSenderReadsTheStatusAndAnotherPartnersMessageIsAsUnknownAsAnUnknownId() {
        String deelnemer = newParticipant();
        Example message = example("overdracht", deelnemer);
        assertThat(submit("hvht", message.xml()).statusCode()).isEqualTo(202);
        assertThat(get("hvht", "/api/v1/berichten/" + message.berichtId()).statusCode()).isEqualTo(200);

        long before = checks.auditHead();
        HttpResponse<String> foreign = get("reclassering-nederland", "/api/v1/berichten/" + message.berichtId());
        checks.assertRefused(foreign, RejectionCode.NOT_FOUND, null, "reclassering-nederland", before,
                deelnemer, "ontvangers", "WITHHELD", "gemeente-enschede");

        before = checks.auditHead();
        String unknownId = java.util.UUID.randomUUID().toString();
        HttpResponse<String> unknown = get("reclassering-nederland", "/api/v1/berichten/" + unknownId);
        checks.assertRefused(unknown, RejectionCode.NOT_FOUND, null, "reclassering-nederland", before);
        // Nothing tells the two apart: same status, same body apart from the path in 'instance'.
        assertThat(foreign.statusCode()).isEqualTo(unknown.statusCode());
        assertThat(foreign.body().replace(message.berichtId(), "ID")).isEqualTo(unknown.body().replace(unknownId, "ID"));
        assertThat(foreign.headers().map().keySet()).isEqualTo(unknown.headers().map().keySet());

        before = checks.auditHead();
        HttpResponse<String> notAnId = get("hvht", "/api/v1/berichten/geen-uuid");
        checks.assertRefused(notAnId, RejectionCode.NOT_FOUND, null, "hvht", before);
    }

    // ---- what may be sent -----------------------------------------------------------------------------

    @Test
    void recipientOutsideTheRegistryIsUnknownRecipient() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "gemeente-enschede", "reclassering-nederland");
        Example message = example("overdracht", deelnemer);
        String xml = message.xml().replace("<afzender>hvht</afzender>",
                "<afzender>hvht</afzender><ontvanger>gemeente-amsterdam</ontvanger>");
        assertThat(xml).contains("gemeente-amsterdam");
        long before = checks.auditHead();

        HttpResponse<String> response = submit("hvht", xml);

        Map<String, Object> rejected = checks.assertRefused(response, RejectionCode.UNKNOWN_RECIPIENT,
                message.berichtId(), "hvht", before, deelnemer, "Pieter Jan", "999993653");
        assertRefusalTracedToItsRequest(message.berichtId(), rejected);
    }

    @Test
    void verwijzingToAMunicipalityIsUnknownRecipient() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "gemeente-enschede", "transfore");
        Example message = example("verwijzing", deelnemer);
        String xml = message.xml().replace("<zorgpartner>transfore</zorgpartner>",
                "<zorgpartner>gemeente-enschede</zorgpartner>");
        assertThat(xml).contains("<zorgpartner>gemeente-enschede</zorgpartner>");
        long before = checks.auditHead();

        HttpResponse<String> response = submit("hvht", xml);

        Map<String, Object> rejected = checks.assertRefused(response, RejectionCode.UNKNOWN_RECIPIENT,
                message.berichtId(), "hvht", before, deelnemer, "Pieter Jan", "agressieregulatie");
        assertRefusalTracedToItsRequest(message.berichtId(), rejected);
    }

    @Test
    void plainTextIsUnsupportedMediaType() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "gemeente-enschede", "reclassering-nederland");
        Example message = example("overdracht", deelnemer);
        long before = checks.auditHead();

        HttpResponse<String> response = send("hvht", HttpRequest.newBuilder(api("/api/v1/berichten"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(message.xml(), StandardCharsets.UTF_8)));

        checks.assertRefused(response, RejectionCode.UNSUPPORTED_MEDIA_TYPE, message.berichtId(), "hvht", before,
                deelnemer, "Pieter Jan", "999993653");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /**
     * A refusal after the message was read leaves exactly one audit record naming its berichtId: the REJECTED record,
     * with the request's trace id. Nothing is on record as RECEIVED, because nothing was stored (the RECEIVED record is
     * written in the same commit as the message).
     */
    private void assertRefusalTracedToItsRequest(String berichtId, Map<String, Object> rejected) {
        List<String> steps = jdbc.queryForList("select stap from audit_record where bericht_id = ?", String.class, berichtId);
        assertThat(steps).containsExactly("REJECTED");
        assertThat(rejected.get("trace_id")).as("trace id of the REJECTED record").asString().isNotBlank();
    }

    /** A handshake refusal never reaches the application: no audit record, nothing stored, nothing sent. */
    private void assertNothingHappened(String berichtId, long auditBefore) {
        assertThat(jdbc.queryForObject("select count(*) from bericht where bericht_id = cast(? as uuid)", Long.class,
                berichtId)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from audit_record where volgnummer > ? and (bericht_id = ?"
                + " or stap = 'REJECTED')", Long.class, auditBefore, berichtId)).isZero();
        assertThat(checks.deliveriesOf(berichtId)).isZero();
    }

    /** TLS context trusting the example CA, with {@code identity} as client certificate (none if null). */
    private static SSLContext context(IssuedCertificate identity) {
        PemSslStore keyStore = identity == null ? null
                : PemSslStore.of(List.of(identity.certificate()), identity.privateKey());
        PemSslStore trustStore = PemSslStore.of(List.of(TestPki.caCertificate()), null);
        return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
    }

    private HttpResponse<String> post(SSLContext context, String xml) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(api("/api/v1/berichten"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
