package nl.hvht.ketenpoort.ontvanger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.BerichtProperties;
import nl.hvht.ketenpoort.bericht.OntvangstbevestigingContent;
import nl.hvht.ketenpoort.bericht.OntvangstbevestigingParser;
import nl.hvht.ketenpoort.delivery.TestOntvangstbewijsVerifier;
import nl.hvht.ketenpoort.partner.Versleuteling;
import nl.hvht.ketenpoort.signing.TestSignatures;
import nl.hvht.ketenpoort.support.SignedOntvangstbewijzen;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ontvangst}: the receipt the tool signs with the partner's signing key is accepted by the gateway's own
 * {@code delivery.OntvangstbewijsVerifier} for exactly the bytes delivered (also when they were encrypted), and refused for
 * others; a TLS certificate is not used to sign one.
 */
class OntvangstCommandTest {

    private static final String TRAJECTUM = "trajectum";

    @TempDir
    Path dir;
    private Tool.Pair signing;
    private final String berichtId = UUID.randomUUID().toString();

    @BeforeEach
    void files() {
        signing = Tool.write(dir, TRAJECTUM + "-signing", SignedOntvangstbewijzen.signer(TRAJECTUM));
    }

    @Test
    void theGatewayAcceptsTheReceiptForAnEncryptedCopy() throws Exception {
        byte[] delivered = TestSignatures.gatewayEncryptor().encrypt(TestSignatures.gatewaySigner().sign(
                "<bericht/>".getBytes(StandardCharsets.UTF_8)), TestPki.pki().partner(TRAJECTUM).certificate(),
                Versleuteling.AUTH_ENVELOPED_AES_GCM);
        Path copy = Tool.write(dir, "kopie.p7m", delivered);
        Path receipt = dir.resolve("ontvangst.p7m");

        Tool.Result result = Tool.run("ontvangst", "--in", copy.toString(), "--bericht-id", berichtId, "--ontvanger", TRAJECTUM,
                "--key", signing.key().toString(), "--cert", signing.cert().toString(), "--out", receipt.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(result.err()).contains("digest " + SignedOntvangstbewijzen.sha256(delivered));
        byte[] cms = Files.readAllBytes(receipt);
        assertThat(TestOntvangstbewijsVerifier.refusal(cms, TRAJECTUM, berichtId, delivered)).isNull();
        assertThat(TestOntvangstbewijsVerifier.refusal(cms, TRAJECTUM, berichtId, "other bytes".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("DIGEST_MISMATCH");
        assertThat(TestOntvangstbewijsVerifier.refusal(cms, TRAJECTUM, UUID.randomUUID().toString(), delivered))
                .isEqualTo("BERICHT_ID_MISMATCH");
        assertThat(TestOntvangstbewijsVerifier.refusal(cms, "transfore", berichtId, delivered)).isEqualTo("SIGNER_MISMATCH");
    }

    @Test
    void theReceiptXmlIsTheSchemasWithTheGivenMoment() {
        byte[] delivered = TestSignatures.gatewaySigner().sign("<bericht/>".getBytes(StandardCharsets.UTF_8));
        Pem.Credentials credentials = Pem.credentials(signing.key(), signing.cert());

        byte[] xml = new OntvangstbewijsWriter(credentials).xml(berichtId, TRAJECTUM, delivered,
                java.time.OffsetDateTime.parse("2026-02-03T11:00:00+01:00"));

        OntvangstbevestigingContent content = new OntvangstbevestigingParser(BerichtProperties.defaults()).parse(xml).orElseThrow();
        assertThat(content.berichtId()).isEqualTo(berichtId);
        assertThat(content.ontvanger()).isEqualTo(TRAJECTUM);
        assertThat(content.digest()).isEqualTo(SignedOntvangstbewijzen.sha256(delivered));
        assertThat(content.ontvangstmoment()).isEqualTo(java.time.OffsetDateTime.parse("2026-02-03T11:00:00+01:00"));
    }

    @Test
    void aTlsCertificateDoesNotSignAReceipt() {
        Tool.Pair tls = Tool.write(dir, TRAJECTUM, TestPki.pki().partner(TRAJECTUM));
        Path copy = Tool.write(dir, "kopie.p7m", new byte[] {1, 2, 3});

        Tool.Result result = Tool.run("ontvangst", "--in", copy.toString(), "--bericht-id", berichtId, "--ontvanger", TRAJECTUM,
                "--key", tls.key().toString(), "--cert", tls.cert().toString(), "--out", dir.resolve("r.p7m").toString());

        assertThat(result.status()).isEqualTo(ExitCode.INPUT.status());
        assertThat(result.err()).contains("NOT_A_SIGNING_CERTIFICATE");
    }

    @Test
    void fieldsTheSchemaRefusesAreUsageErrors() {
        Path copy = Tool.write(dir, "kopie.p7m", new byte[] {1, 2, 3});
        String[] base = {"ontvangst", "--in", copy.toString(), "--key", signing.key().toString(), "--cert", signing.cert().toString()};

        assertThat(Tool.run(concat(base, "--bericht-id", "not-a-uuid", "--ontvanger", TRAJECTUM)).status())
                .isEqualTo(ExitCode.USAGE.status());
        assertThat(Tool.run(concat(base, "--bericht-id", berichtId, "--ontvanger", "Trajectum")).status())
                .isEqualTo(ExitCode.USAGE.status());
        assertThat(Tool.run(concat(base, "--bericht-id", berichtId, "--ontvanger", TRAJECTUM, "--moment", "yesterday")).status())
                .isEqualTo(ExitCode.USAGE.status());
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }
}
