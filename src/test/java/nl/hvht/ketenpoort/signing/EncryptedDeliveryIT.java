package nl.hvht.ketenpoort.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.Bytes;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import nl.hvht.ketenpoort.support.ReceivedSignature;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Outbound encryption end to end: trajectum is configured with {@code versleuteling: AUTH_ENVELOPED_AES_GCM}
 * (GatewayTestSupport) and receives CMS AuthEnvelopedData that only its key opens, holding the gateway's signed
 * copy; transfore (no versleuteling) still receives plain CMS SignedData. What is stored and what is sent are the
 * same bytes.
 */
class EncryptedDeliveryIT extends GatewayTestSupport {

    private static final String ENCRYPTED = "trajectum";
    private static final String PLAIN = "transfore";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void anEncryptingPartnerReceivesAuthEnvelopedDataThatDecryptsToTheSignedCopy() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, ENCRYPTED);
        Example verwijzing = verwijzingTo(ENCRYPTED, deelnemer);

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(ENCRYPTED, "DELIVERED"));

        LoggedRequest request = ENDPOINTS.onlyPost(ENCRYPTED, verwijzing.berichtId());
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/pkcs7-mime; smime-type=authEnveloped-data");
        byte[] body = request.getBody();
        assertThat(Bytes.indexOf(body, "Verwijzing".getBytes(StandardCharsets.UTF_8))).as("no plaintext on the wire").isEqualTo(-1);
        assertThat(Bytes.indexOf(body, deelnemer.getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThatThrownBy(() -> ReceivedSignature.verify(body)).as("not SignedData as such").isInstanceOf(Exception.class);

        IssuedCertificate justact = TestPki.pki().partner(ENCRYPTED);
        byte[] signed = new BerichtDecryptor(justact.privateKey(), justact.certificate()).decrypt(body);
        assertThat(ReceivedSignature.signer(signed)).isEqualTo(TestPki.pki().gatewaySigning().certificate());
        String delivered = new String(ReceivedSignature.verify(signed), StandardCharsets.UTF_8);
        assertThat(between(delivered, "<envelop>", "</inhoud>")).isEqualTo(between(verwijzing.xml(), "<envelop>", "</inhoud>"));
        assertThat(delivered).contains("<verstrekking>").contains("<ontvanger>" + ENCRYPTED + "</ontvanger>");

        IssuedCertificate other = TestPki.pki().partner(PLAIN);
        assertThatThrownBy(() -> new BerichtDecryptor(other.privateKey(), other.certificate()).decrypt(body))
                .isExactlyInstanceOf(DecryptionFailedException.class).hasNoCause();
        assertThatThrownBy(() -> new BerichtDecryptor(other.privateKey(), justact.certificate()).decrypt(body))
                .isExactlyInstanceOf(DecryptionFailedException.class).hasNoCause();

        // At rest the gateway keeps the copy as it was sent: encrypted for justact.
        byte[] stored = jdbc.queryForObject("select ondertekend from bezorging where bericht_id = ? and ontvanger = ?",
                byte[].class, java.util.UUID.fromString(verwijzing.berichtId()), ENCRYPTED);
        assertThat(stored).isEqualTo(body);
    }

    @Test
    void otherPartnersStillReceivePlainSignedData() throws Exception {
        String deelnemer = newParticipant();
        registerFullConsent(deelnemer, PLAIN);
        Example verwijzing = verwijzingTo(PLAIN, deelnemer);

        assertThat(submit("hvht", verwijzing.xml()).statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", verwijzing.berichtId())).isEqualTo(Map.of(PLAIN, "DELIVERED"));

        LoggedRequest request = ENDPOINTS.onlyPost(PLAIN, verwijzing.berichtId());
        assertThat(request.getHeader("Content-Type")).isEqualTo("application/pkcs7-mime; smime-type=signed-data");
        String delivered = new String(ReceivedSignature.verify(request.getBody()), StandardCharsets.UTF_8);
        assertThat(between(delivered, "<envelop>", "</inhoud>")).isEqualTo(between(verwijzing.xml(), "<envelop>", "</inhoud>"));
    }

    private static String between(String xml, String from, String to) {
        return xml.substring(xml.indexOf(from), xml.indexOf(to) + to.length());
    }
}
