package nl.hvht.ketenpoort.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.Bytes;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.SignedBerichten;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile CMS over the partner port (trajectum must sign): content changed after signing (the message-digest
 * attribute no longer matches), a detached signature with other content put in, and bytes after the signed
 * structure (an unsigned or a second signed message appended). Each is SIGNATURE_INVALID,
 * changes nothing, queues nothing, and leaves one content-free audit record.
 */
class HostileCmsIT extends GatewayTestSupport {

    private static final String TRAJECTUM_OIN = "00000001900000020000";

    @Autowired
    private JdbcTemplate jdbc;

    private RefusalChecks checks;

    @BeforeEach
    void checks() {
        checks = new RefusalChecks(jdbc, PARTNERS);
        nl.hvht.ketenpoort.support.TestPki.writeCrl(java.util.List.of());
    }

    @Test
    void contentChangedAfterSigningIsADigestMismatch() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht");
        String xml = fromTrajectum(deelnemer);
        byte[] cms = SignedBerichten.sign(signer(), xml.getBytes(StandardCharsets.UTF_8));
        // Same length, still well-formed: only the message-digest attribute betrays the change.
        byte[] original = "<afzender>trajectum</afzender>".getBytes(StandardCharsets.UTF_8);
        int at = Bytes.indexOf(cms, original);
        assertThat(at).isPositive();
        System.arraycopy("<afzender>trajectun</afzender>".getBytes(StandardCharsets.UTF_8), 0, cms, at, original.length);
        long before = checks.auditHead();

        HttpResponse<String> response = submitSigned(cms);

        Map<String, Object> record = checks.assertRefused(response, RejectionCode.SIGNATURE_INVALID, berichtIdOf(xml),
                "trajectum", before, deelnemer);
        assertThat(json(response).path("detail").asText()).contains("SIGNATURE_INVALID");
        assertThat(String.valueOf(record.get("reden"))).contains("SIGNATURE_INVALID");
    }

    @Test
    void aDetachedSignatureWithSwappedContentIsRefused() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht");
        String signedXml = fromTrajectum(deelnemer);
        String swappedXml = fromTrajectum(deelnemer);
        byte[] detached = SignedBerichten.sign(signer(), signedXml.getBytes(StandardCharsets.UTF_8), "SHA256withECDSA", false, false);
        SignedData signature = SignedData.getInstance(new CMSSignedData(detached).toASN1Structure().getContent());
        byte[] swapped = new ContentInfo(CMSObjectIdentifiers.signedData, new SignedData(signature.getDigestAlgorithms(),
                new ContentInfo(CMSObjectIdentifiers.data, new DEROctetString(swappedXml.getBytes(StandardCharsets.UTF_8))),
                signature.getCertificates(), signature.getCRLs(), signature.getSignerInfos())).getEncoded(ASN1Encoding.DER);

        long before = checks.auditHead();
        HttpResponse<String> response = submitSigned(swapped);
        checks.assertRefused(response, RejectionCode.SIGNATURE_INVALID, berichtIdOf(swappedXml), "trajectum", before,
                deelnemer);
        assertThat(json(response).path("detail").asText()).contains("SIGNATURE_INVALID");

        // The detached signature alone carries no content to process.
        before = checks.auditHead();
        response = submitSigned(detached);
        checks.assertRefused(response, RejectionCode.SIGNATURE_INVALID, berichtIdOf(signedXml), "trajectum", before,
                deelnemer);
        assertThat(json(response).path("detail").asText()).contains("MALFORMED");
    }

    @Test
    void anUnsignedMessageAppendedToASignedOneIsMalformed() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht");
        String signedXml = fromTrajectum(deelnemer);
        String appendedXml = fromTrajectum(deelnemer);
        byte[] cms = SignedBerichten.sign(signer(), signedXml.getBytes(StandardCharsets.UTF_8));
        byte[] appended = appendedXml.getBytes(StandardCharsets.UTF_8);
        byte[] both = java.util.Arrays.copyOf(cms, cms.length + appended.length);
        System.arraycopy(appended, 0, both, cms.length, appended.length);
        long before = checks.auditHead();

        HttpResponse<String> response = submitSigned(both);

        Map<String, Object> record = checks.assertRefused(response, RejectionCode.SIGNATURE_INVALID, berichtIdOf(signedXml),
                "trajectum", before, deelnemer);
        assertThat(json(response).path("detail").asText()).contains("MALFORMED");
        assertThat(String.valueOf(record.get("reden"))).contains("MALFORMED");
        // neither message was processed
        assertThat(jdbc.queryForObject("select count(*) from audit_record where bericht_id in (?, ?)", Long.class,
                berichtIdOf(signedXml), berichtIdOf(appendedXml))).isZero();
    }

    @Test
    void aSignedMessageFollowedByASecondSignedOneIsMalformed() {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, "hvht");
        String first = fromTrajectum(deelnemer);
        byte[] one = SignedBerichten.sign(signer(), first.getBytes(StandardCharsets.UTF_8));
        byte[] two = SignedBerichten.sign(signer(), fromTrajectum(deelnemer).getBytes(StandardCharsets.UTF_8));
        byte[] both = java.util.Arrays.copyOf(one, one.length + two.length);
        System.arraycopy(two, 0, both, one.length, two.length);
        long before = checks.auditHead();

        HttpResponse<String> response = submitSigned(both);

        checks.assertRefused(response, RejectionCode.SIGNATURE_INVALID, berichtIdOf(first), "trajectum", before, deelnemer);
        assertThat(json(response).path("detail").asText()).contains("MALFORMED");
    }

    private static IssuedCertificate signer() {
        return SignedBerichten.signingCertificate("trajectum", TRAJECTUM_OIN);
    }

    /** The example Verwijzingsantwoord (fresh berichtId), sent by trajectum. */
    private static String fromTrajectum(String deelnemer) {
        return example("verwijzingsantwoord", deelnemer).xml()
                .replace("<afzender>transfore</afzender>", "<afzender>trajectum</afzender>");
    }

    private static String berichtIdOf(String xml) {
        return xml.substring(xml.indexOf("<berichtId>") + "<berichtId>".length(), xml.indexOf("</berichtId>"));
    }

    private HttpResponse<String> submitSigned(byte[] cms) {
        return send("trajectum", HttpRequest.newBuilder(api("/api/v1/berichten"))
                .header("Content-Type", "application/pkcs7-mime")
                .POST(HttpRequest.BodyPublishers.ofByteArray(cms)));
    }
}
