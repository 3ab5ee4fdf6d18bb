package nl.hvht.ketenpoort.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.BerichtProperties;
import nl.hvht.ketenpoort.bericht.OntvangstbevestigingParser;
import nl.hvht.ketenpoort.partner.Partner;
import nl.hvht.ketenpoort.partner.PartnerSoort;
import nl.hvht.ketenpoort.demo.pki.CertificateAuthority;
import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.signing.TestSignatures;
import nl.hvht.ketenpoort.support.SignedBerichten;
import nl.hvht.ketenpoort.support.SignedOntvangstbewijzen;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;

/** A partner's signed receipt for one delivery: signature and signer as for inbound messages, then its fields. */
class OntvangstbewijsVerifierTest {

    private static final String TRAJECTUM = "trajectum";
    private static final byte[] POSTED = "the signed copy as delivered".getBytes(StandardCharsets.US_ASCII);

    private final OntvangstbewijsVerifier verifier = new OntvangstbewijsVerifier(TestSignatures.inbound(List.of(TestPki.caCertificate())),
            new OntvangstbevestigingParser(BerichtProperties.defaults()));
    private final Partner trajectum = partner(TRAJECTUM);
    private final String berichtId = UUID.randomUUID().toString();

    @Test
    void acceptsAReceiptOfTheRecipientOverTheDeliveredBytes() {
        byte[] cms = SignedOntvangstbewijzen.receipt(berichtId, TRAJECTUM, POSTED);

        OntvangstbewijsVerifier.Verdict verdict = verifier.verify(cms, trajectum, berichtId, POSTED);

        assertThat(verdict.reason()).isNull();
        assertThat(verdict.isValid()).isTrue();
        assertThat(verdict.accepted().digest()).isEqualTo(SignedOntvangstbewijzen.sha256(POSTED)).hasSize(64);
        assertThat(verdict.accepted().signer()).isEqualTo(SignedOntvangstbewijzen.signer(TRAJECTUM).certificate());
        assertThat(verdict.accepted().oin()).isEqualTo(trajectum.oin());
        assertThat(verdict.accepted().cms()).isEqualTo(cms);
    }

    @Test
    void refusesADigestOfOtherBytes() {
        byte[] cms = SignedOntvangstbewijzen.receipt(berichtId, TRAJECTUM, "other bytes".getBytes(StandardCharsets.US_ASCII));
        assertRefused(cms, berichtId, "DIGEST_MISMATCH");
    }

    @Test
    void refusesAnotherBerichtIdOrRecipient() {
        assertRefused(SignedOntvangstbewijzen.receipt(UUID.randomUUID().toString(), TRAJECTUM, POSTED), berichtId, "BERICHT_ID_MISMATCH");
        byte[] forAnother = SignedBerichten.sign(SignedOntvangstbewijzen.signer(TRAJECTUM),
                SignedOntvangstbewijzen.xml(berichtId, "transfore", SignedOntvangstbewijzen.sha256(POSTED), OffsetDateTime.now()));
        assertRefused(forAnother, berichtId, "ONTVANGER_MISMATCH");
    }

    @Test
    void refusesAReceiptSignedByAnotherPartner() {
        byte[] byTransfore = SignedBerichten.sign(SignedOntvangstbewijzen.signer("transfore"),
                SignedOntvangstbewijzen.xml(berichtId, TRAJECTUM, SignedOntvangstbewijzen.sha256(POSTED), OffsetDateTime.now()));
        assertRefused(byTransfore, berichtId, "SIGNER_MISMATCH");
    }

    @Test
    void refusesAnUntrustedSigner() {
        CertificateAuthority other = CertificateAuthority.create("Onbekende CA (test)", "Test", 1);
        IssuedCertificate signer = other.issue(CertificateProfile.SIGNING, "trajectum", "trajectum", trajectum.oin());
        assertRefused(SignedBerichten.sign(signer, receiptXml()), berichtId, "UNTRUSTED_SIGNER");
    }

    @Test
    void refusesTheRecipientsTlsCertificateAsSigner() {
        IssuedCertificate tls = TestPki.pki().partner(TRAJECTUM);
        assertRefused(SignedBerichten.sign(tls, receiptXml()), berichtId, "NOT_A_SIGNING_CERTIFICATE");
    }

    @Test
    void refusesSha1AndUnsignedAttributes() {
        IssuedCertificate signer = SignedOntvangstbewijzen.signer(TRAJECTUM);
        assertRefused(SignedBerichten.sign(signer, receiptXml(), "SHA1withECDSA", true, false), berichtId, "WEAK_ALGORITHM");
        assertRefused(SignedBerichten.sign(signer, receiptXml(), "SHA256withECDSA", true, true), berichtId, "MISSING_SIGNED_ATTRIBUTES");
    }

    @Test
    void refusesTamperedAndMalformedReceipts() {
        byte[] cms = SignedOntvangstbewijzen.receipt(berichtId, TRAJECTUM, POSTED);
        cms[cms.length / 3] ^= 0x01;
        assertThat(verifier.verify(cms, trajectum, berichtId, POSTED).isValid()).isFalse();
        assertRefused("not cms".getBytes(StandardCharsets.US_ASCII), berichtId, "MALFORMED");
    }

    @Test
    void refusesSignedContentThatIsNotAValidReceipt() {
        IssuedCertificate signer = SignedOntvangstbewijzen.signer(TRAJECTUM);
        String valid = new String(receiptXml(), StandardCharsets.UTF_8);
        String doctype = valid.replace("<ontvangstbevestiging ", "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><ontvangstbevestiging ");
        String extra = valid.replace("</ontvangstbevestiging>", "<extra>1</extra></ontvangstbevestiging>");
        String upperDigest = valid.replace(SignedOntvangstbewijzen.sha256(POSTED), SignedOntvangstbewijzen.sha256(POSTED).toUpperCase());
        String otherRoot = "<bericht xmlns=\"urn:nl:hvht:ketenpoort:bericht:v1\" versie=\"1.0\"/>";
        for (String content : List.of(doctype, extra, upperDigest, otherRoot, "")) {
            assertRefused(SignedBerichten.sign(signer, content.getBytes(StandardCharsets.UTF_8)), berichtId, "CONTENT_INVALID");
        }
    }

    private byte[] receiptXml() {
        return SignedOntvangstbewijzen.xml(berichtId, TRAJECTUM, SignedOntvangstbewijzen.sha256(POSTED), OffsetDateTime.now());
    }

    private void assertRefused(byte[] cms, String id, String reason) {
        OntvangstbewijsVerifier.Verdict verdict = verifier.verify(cms, trajectum, id, POSTED);
        assertThat(verdict.isValid()).isFalse();
        assertThat(verdict.reason()).isEqualTo(reason);
    }

    private static Partner partner(String id) {
        return new Partner(id, id, SignedOntvangstbewijzen.oin(id), PartnerSoort.ZORGPARTNER, URI.create("https://localhost/" + id),
                TestPki.pki().partner(id).certificate());
    }
}
