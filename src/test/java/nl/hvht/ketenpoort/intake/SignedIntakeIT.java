package nl.hvht.ketenpoort.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.ReceivedSignature;
import nl.hvht.ketenpoort.support.SignedBerichten;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Inbound signatures end to end. The test configuration (GatewayTestSupport) marks only {@code trajectum} as a
 * partner that must sign, with the test CA's CRL file: a signed message from it is verified and exactly the
 * signed content travels on; unsigned or wrongly signed messages are refused and change nothing.
 */
class SignedIntakeIT extends GatewayTestSupport {

    private static final String TRAJECTUM_OIN = "00000001900000020000";
    private static final String TRANSFORE_OIN = "00000001900000019000";

    @Autowired
    private JdbcTemplate jdbc;

    private RefusalChecks checks;

    @BeforeEach
    void checks() {
        checks = new RefusalChecks(jdbc, PARTNERS);
        TestPki.writeCrl(List.of());
    }

    @Test
    void aSignedVerwijzingsantwoordFromTrajectumIsDeliveredWithExactlyTheSignedContent() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht", "trajectum");
        Example answer = answer(deelnemer, "trajectum", deliveredVerwijzing(deelnemer, "trajectum"));
        Antwoord antwoord = new Antwoord(answer.berichtId(), answer.xml());
        IssuedCertificate signer = SignedBerichten.signingCertificate("trajectum", TRAJECTUM_OIN);

        HttpResponse<String> response = submitSigned(SignedBerichten.sign(signer, bytes(antwoord)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(awaitSettled("trajectum", antwoord.berichtId())).isEqualTo(Map.of("hvht", "DELIVERED"));
        LoggedRequest received = ENDPOINTS.onlyPost("hvht", antwoord.berichtId());
        assertThat(ReceivedSignature.signer(received.getBody()))
                .as("delivered under the gateway's signature").isEqualTo(TestPki.pki().gatewaySigning().certificate());
        // The verified content is what went on: envelope and body byte for byte, then the gateway's verstrekking.
        String delivered = new String(ReceivedSignature.verify(received.getBody()), java.nio.charset.StandardCharsets.UTF_8);
        String sent = new String(bytes(antwoord), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(delivered.substring(delivered.indexOf("<envelop>"), delivered.indexOf("</inhoud>")))
                .isEqualTo(sent.substring(sent.indexOf("<envelop>"), sent.indexOf("</inhoud>")));
        assertThat(delivered).contains("<verstrekking>");
    }

    @Test
    void anUnsignedMessageFromTrajectumIsRefusedWithSignatureRequired() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht");
        Antwoord antwoord = fromTrajectum(deelnemer);
        long before = checks.auditHead();

        HttpResponse<String> response = submit("trajectum", antwoord.xml());

        checks.assertRefused(response, RejectionCode.SIGNATURE_REQUIRED, antwoord.berichtId(), "trajectum", before,
                deelnemer);
    }

    @Test
    void aSignatureByAnotherOrganisationIsRefused() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht");
        Antwoord antwoord = fromTrajectum(deelnemer);
        IssuedCertificate transfore = SignedBerichten.signingCertificate("transfore", TRANSFORE_OIN);
        long before = checks.auditHead();

        HttpResponse<String> response = submitSigned(SignedBerichten.sign(transfore, bytes(antwoord)));

        Map<String, Object> record = checks.assertRefused(response, RejectionCode.SIGNATURE_INVALID,
                antwoord.berichtId(), "trajectum", before, deelnemer);
        assertThat(json(response).path("detail").asText()).contains("SIGNER_MISMATCH");
        assertThat(String.valueOf(record.get("reden"))).contains("SIGNER_MISMATCH");
    }

    @Test
    void aRevokedSignerAndATlsCertificateAreRefused() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht");
        IssuedCertificate revoked = SignedBerichten.signingCertificate("trajectum", TRAJECTUM_OIN);
        TestPki.writeCrl(List.of(revoked.certificate()));
        Antwoord first = fromTrajectum(deelnemer);
        long before = checks.auditHead();

        HttpResponse<String> response = submitSigned(SignedBerichten.sign(revoked, bytes(first)));

        checks.assertRefused(response, RejectionCode.SIGNATURE_INVALID, first.berichtId(), "trajectum", before, deelnemer);
        assertThat(json(response).path("detail").asText()).contains("SIGNER_REVOKED");

        Antwoord second = fromTrajectum(deelnemer);
        before = checks.auditHead();
        response = submitSigned(SignedBerichten.sign(TestPki.pki().partner("trajectum"), bytes(second)));

        checks.assertRefused(response, RejectionCode.SIGNATURE_INVALID, second.berichtId(), "trajectum", before, deelnemer);
        assertThat(json(response).path("detail").asText()).contains("NOT_A_SIGNING_CERTIFICATE");
    }

    @Test
    void partnersThatNeedNotSignMaySendEitherWay() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht", "transfore");
        String question = deliveredVerwijzing(deelnemer, "transfore");
        Example plain = answer(deelnemer, "transfore", question);
        Example signed = answer(deelnemer, "transfore", question);
        IssuedCertificate signer = SignedBerichten.signingCertificate("transfore", TRANSFORE_OIN);

        assertThat(submit("transfore", plain.xml()).statusCode()).isEqualTo(202);
        assertThat(send("transfore", HttpRequest.newBuilder(api("/api/v1/berichten"))
                .header("Content-Type", "application/pkcs7-mime; smime-type=signed-data")
                .POST(HttpRequest.BodyPublishers.ofByteArray(SignedBerichten.sign(signer, bytes(signed)))))
                .statusCode()).isEqualTo(202);

        assertThat(awaitSettled("transfore", plain.berichtId())).isEqualTo(Map.of("hvht", "DELIVERED"));
        assertThat(awaitSettled("transfore", signed.berichtId())).isEqualTo(Map.of("hvht", "DELIVERED"));
    }

    /** The example Verwijzingsantwoord, sent by trajectum instead of transfore (for refusals before its correlatieId counts). */
    private static Antwoord fromTrajectum(String deelnemer) {
        Example example = example("verwijzingsantwoord", deelnemer);
        return new Antwoord(example.berichtId(),
                example.xml().replace("<afzender>transfore</afzender>", "<afzender>trajectum</afzender>"));
    }

    private record Antwoord(String berichtId, String xml) {
    }

    private static byte[] bytes(Antwoord antwoord) {
        return antwoord.xml().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Example example) {
        return example.xml().getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> submitSigned(byte[] cms) {
        return send("trajectum", HttpRequest.newBuilder(api("/api/v1/berichten"))
                .header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(cms)));
    }
}
