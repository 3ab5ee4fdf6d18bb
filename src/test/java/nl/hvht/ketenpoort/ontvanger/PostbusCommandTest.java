package nl.hvht.ketenpoort.ontvanger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import nl.hvht.ketenpoort.partner.Versleuteling;
import nl.hvht.ketenpoort.demo.pki.CertificateAuthority;
import nl.hvht.ketenpoort.demo.pki.CertificateProfile;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.signing.CmsContentTypes;
import nl.hvht.ketenpoort.signing.TestSignatures;
import nl.hvht.ketenpoort.support.SignedOntvangstbewijzen;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code postbus list|fetch|ack} against a stub of the gateway's side of the mailbox contract ({@link StubPostbus},
 * HTTPS with a required client certificate): the whole round as a partner does it (list, fetch, decrypt, sign a
 * receipt, acknowledge with it), paging, and every refusal with its exit code.
 */
class PostbusCommandTest {

    private static final String JUSTACT = "justact";
    private static final byte[] XML = "<bericht>postbus</bericht>".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    private StubPostbus gateway;
    private Path ca;
    private Tool.Pair tls;
    private final String first = UUID.randomUUID().toString();
    private final String second = UUID.randomUUID().toString();
    private byte[] encrypted;

    @BeforeEach
    void start() throws IOException {
        gateway = new StubPostbus();
        ca = Tool.write(dir, "ca.crt", TestPki.caCertificate());
        tls = Tool.write(dir, JUSTACT, TestPki.pki().partner(JUSTACT));
        encrypted = TestSignatures.gatewayEncryptor().encrypt(TestSignatures.gatewaySigner().sign(XML),
                TestPki.pki().partner(JUSTACT).certificate(), Versleuteling.AUTH_ENVELOPED_AES_GCM);
        gateway.offer(JUSTACT, first, "Verwijzing", encrypted, CmsContentTypes.AUTH_ENVELOPED);
        gateway.offer(JUSTACT, second, "Trajectplan", encrypted, CmsContentTypes.AUTH_ENVELOPED);
        gateway.offer("transfore", UUID.randomUUID().toString(), "Verwijzing", encrypted, CmsContentTypes.AUTH_ENVELOPED);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void listFetchDecryptReceiptAndAcknowledge() throws IOException {
        Tool.Result list = postbus("list");
        assertThat(list.status()).as(list.err()).isZero();
        assertThat(lines(list)).containsExactly(
                first + "\tVerwijzing\thvht\t2026-02-03T10:00:00Z\t" + CmsContentTypes.AUTH_ENVELOPED,
                second + "\tTrajectplan\thvht\t2026-02-03T10:00:01Z\t" + CmsContentTypes.AUTH_ENVELOPED);

        Path copy = dir.resolve("kopie.p7m");
        Tool.Result fetch = postbus("fetch", first, "--out", copy.toString());
        assertThat(fetch.status()).as(fetch.err()).isZero();
        assertThat(Files.readAllBytes(copy)).isEqualTo(encrypted);
        assertThat(fetch.err()).contains("fetched " + first + " (Verwijzing from hvht");

        Path xml = dir.resolve("bericht.xml");
        assertThat(Tool.run("decrypt", "--in", copy.toString(), "--key", tls.key().toString(), "--cert", tls.cert().toString(),
                "--ca", ca.toString(), "--out", xml.toString()).status()).isZero();
        assertThat(Files.readAllBytes(xml)).isEqualTo(XML);

        Tool.Pair signing = Tool.write(dir, JUSTACT + "-signing", SignedOntvangstbewijzen.signer(JUSTACT));
        Path receipt = dir.resolve("ontvangst.p7m");
        assertThat(Tool.run("ontvangst", "--in", copy.toString(), "--bericht-id", first, "--ontvanger", JUSTACT,
                "--key", signing.key().toString(), "--cert", signing.cert().toString(), "--out", receipt.toString()).status()).isZero();

        Tool.Result ack = postbus("ack", first, "--ontvangst", receipt.toString());
        assertThat(ack.status()).as(ack.err()).isZero();
        assertThat(ack.err()).contains("acknowledged " + first + " with the signed receipt");
        assertThat(gateway.acks()).containsExactly(new StubPostbus.Ack(first, true, "application/pkcs7-mime; smime-type=signed-data"));

        String oin = CertificateIdentity.oinOf(TestPki.pki().partner(JUSTACT).certificate()).orElseThrow();
        assertThat(gateway.requests()).as("every call with the partner's client certificate")
                .allSatisfy(request -> assertThat(request).endsWith(" oin=" + oin));
    }

    @Test
    void ophalenCollectsTheWholeMailboxAndLeavesWhatFails() throws IOException {
        String signedOnly = UUID.randomUUID().toString();
        String tampered = UUID.randomUUID().toString();
        byte[] broken = encrypted.clone();
        broken[broken.length - 1] ^= 1;
        gateway.offer(JUSTACT, signedOnly, "Overdracht", TestSignatures.gatewaySigner().sign(XML), CmsContentTypes.SIGNED);
        gateway.offer(JUSTACT, tampered, "Overdracht", broken, CmsContentTypes.AUTH_ENVELOPED);
        Tool.Pair signing = Tool.write(dir, JUSTACT + "-signing", SignedOntvangstbewijzen.signer(JUSTACT));
        Path inbox = Files.createDirectory(dir.resolve("inbox"));

        Tool.Result round = postbus("ophalen", "--dir", inbox.toString(), "--ontvanger", JUSTACT, "--oin",
                CertificateIdentity.oinOf(TestPki.pki().gatewaySigning().certificate()).orElseThrow(),
                "--signing-key", signing.key().toString(), "--signing-cert", signing.cert().toString());

        assertThat(round.status()).as(round.err()).isEqualTo(ExitCode.DECRYPTION_FAILED.status());
        assertThat(round.err()).contains("3 collected and acknowledged, 1 left in the mailbox");
        assertThat(gateway.acks()).extracting(StubPostbus.Ack::berichtId).containsExactly(first, second, signedOnly);
        assertThat(gateway.acks()).allMatch(StubPostbus.Ack::withReceipt);
        for (String id : List.of(first, second, signedOnly)) {
            assertThat(Files.readAllBytes(inbox.resolve(id + ".xml"))).isEqualTo(XML);
            assertThat(inbox.resolve(id + ".ontvangst.p7m")).exists();
        }
        assertThat(Files.readAllBytes(inbox.resolve(tampered + ".p7m"))).as("kept as received").isEqualTo(broken);
        assertThat(inbox.resolve(tampered + ".xml")).doesNotExist();

        Tool.Result again = postbus("ophalen", "--dir", inbox.toString(), "--zonder-ontvangst");
        assertThat(again.status()).as("the next round meets only the failing copy").isEqualTo(ExitCode.DECRYPTION_FAILED.status());
        assertThat(again.err()).contains("0 collected and acknowledged, 1 left in the mailbox");
    }

    @Test
    void anAcknowledgementWithoutReceiptIsEmpty() {
        Tool.Result ack = postbus("ack", second);

        assertThat(ack.status()).as(ack.err()).isZero();
        assertThat(gateway.acks()).containsExactly(new StubPostbus.Ack(second, false, ""));
    }

    @Test
    void listPagesByTheCursor() {
        Tool.Result page = postbus("list", "--limiet", "1");
        Tool.Result all = postbus("list", "--limiet", "1", "--alle");

        assertThat(lines(page)).hasSize(1).first().asString().startsWith(first);
        assertThat(page.err()).contains("next page: --na 1");
        assertThat(lines(all)).hasSize(2);
        assertThat(Tool.run(args("list", "--limiet", "1", "--na", "1")).out()).asString(StandardCharsets.UTF_8).startsWith(second);
        assertThat(gateway.requests()).anyMatch(request -> request.startsWith("GET /api/v1/postbus?limiet=1&na=1 "));
    }

    @Test
    void refusalsOfTheGatewayEndWithItsCode() {
        Tool.Pair signing = Tool.write(dir, JUSTACT + "-signing", SignedOntvangstbewijzen.signer(JUSTACT));
        Path otherBytes = Tool.write(dir, "other.p7m", new byte[] {1, 2, 3});
        Path wrongReceipt = dir.resolve("fout.p7m");
        Tool.run("ontvangst", "--in", otherBytes.toString(), "--bericht-id", first, "--ontvanger", JUSTACT,
                "--key", signing.key().toString(), "--cert", signing.cert().toString(), "--out", wrongReceipt.toString());
        gateway.withhold(second, "REVOKED");

        Tool.Result invalid = postbus("ack", first, "--ontvangst", wrongReceipt.toString());
        Tool.Result withheld = postbus("fetch", second, "--out", dir.resolve("x").toString());
        Tool.Result unknown = postbus("fetch", UUID.randomUUID().toString());

        assertThat(invalid.status()).isEqualTo(ExitCode.GATEWAY_ERROR.status());
        assertThat(invalid.err()).contains("answered 422 RECEIPT_DIGEST_MISMATCH");
        assertThat(gateway.acks()).isEmpty();
        assertThat(withheld.status()).isEqualTo(ExitCode.GATEWAY_ERROR.status());
        assertThat(withheld.err()).contains("answered 410 " + StubPostbus.WITHHELD_CODE + ": REVOKED");
        assertThat(dir.resolve("x")).doesNotExist();
        assertThat(unknown.status()).isEqualTo(ExitCode.GATEWAY_ERROR.status());
        assertThat(unknown.err()).contains("answered 404 NOT_FOUND");
        assertThat(postbus("fetch", "../../beheer").status()).as("no path of the caller's making").isEqualTo(ExitCode.USAGE.status());
    }

    @Test
    void noTrustNoConnection() throws IOException {
        CertificateAuthority other = CertificateAuthority.create("Andere CA", "Niet vertrouwd", 1);
        Path otherCa = Tool.write(dir, "andere-ca.crt", other.certificate());
        IssuedCertificate stranger = other.issue(CertificateProfile.TLS, "vreemde", "vreemde",
                CertificateIdentity.oinOf(TestPki.pki().partner(JUSTACT).certificate()).orElseThrow());
        Tool.Pair strangerTls = Tool.write(dir, "vreemde", stranger);
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }

        Tool.Result serverNotTrusted = Tool.run("postbus", "list", "--gateway", gateway.address().toString(), "--key",
                tls.key().toString(), "--cert", tls.cert().toString(), "--ca", otherCa.toString());
        Tool.Result clientNotTrusted = Tool.run("postbus", "list", "--gateway", gateway.address().toString(), "--key",
                strangerTls.key().toString(), "--cert", strangerTls.cert().toString(), "--ca", ca.toString());
        Tool.Result nobody = Tool.run("postbus", "list", "--gateway", "https://localhost:" + closed, "--key",
                tls.key().toString(), "--cert", tls.cert().toString(), "--ca", ca.toString());

        assertThat(serverNotTrusted.status()).as(serverNotTrusted.err()).isEqualTo(ExitCode.CONNECTION_FAILED.status());
        assertThat(clientNotTrusted.status()).as(clientNotTrusted.err()).isEqualTo(ExitCode.CONNECTION_FAILED.status());
        assertThat(nobody.status()).isEqualTo(ExitCode.CONNECTION_FAILED.status());
        assertThat(gateway.requests()).isEmpty();
        assertThat(Tool.run("postbus", "list", "--gateway", "http://localhost:1", "--key", tls.key().toString(),
                "--cert", tls.cert().toString(), "--ca", ca.toString()).status()).isEqualTo(ExitCode.USAGE.status());
    }

    private Tool.Result postbus(String... words) {
        return Tool.run(args(words));
    }

    private String[] args(String... words) {
        List<String> all = new ArrayList<>(List.of("postbus"));
        all.addAll(Arrays.asList(words));
        all.addAll(List.of("--gateway", gateway.address().toString(), "--key", tls.key().toString(), "--cert",
                tls.cert().toString(), "--ca", ca.toString()));
        return all.toArray(String[]::new);
    }

    private static List<String> lines(Tool.Result result) {
        String out = new String(result.out(), StandardCharsets.UTF_8);
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
}
