package nl.hvht.ketenpoort.ontvanger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import nl.hvht.ketenpoort.partner.Versleuteling;
import nl.hvht.ketenpoort.demo.pki.CertificateAuthority;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.signing.TestSignatures;
import nl.hvht.ketenpoort.support.Bytes;
import nl.hvht.ketenpoort.support.TestKeys;
import nl.hvht.ketenpoort.support.TestPki;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code verify} and {@code decrypt} on copies made by the gateway's own code (its CMS signer and encryptor, as
 * {@code signing.CopySigner} uses them): both schemes for EC (ECDH) and RSA (RSA-OAEP) certificates give the exact XML;
 * a tampered copy, an untrusted CA, another signer or another key end with their own exit code.
 */
class CopyCommandsTest {

    private static final byte[] XML = example();
    private static final byte[] SIGNED = TestSignatures.gatewaySigner().sign(XML);
    private static final IssuedCertificate EC = TestPki.pki().partner("justact");
    private static final IssuedCertificate OTHER_EC = TestPki.pki().partner("trajectum");
    private static final IssuedCertificate RSA = TestKeys.rsa(2048, KeyUsage.keyEncipherment);
    private static final String GATEWAY_OIN = CertificateIdentity.oinOf(TestPki.pki().gatewaySigning().certificate()).orElseThrow();

    @TempDir
    Path dir;
    private Path ca;
    private Path out;

    @BeforeEach
    void files() {
        ca = Tool.write(dir, "ca.crt", TestPki.caCertificate());
        out = dir.resolve("bericht.xml");
    }

    static Stream<Arguments> schemesAndKeys() {
        return Stream.of(Arguments.of(Versleuteling.AUTH_ENVELOPED_AES_GCM, "EC", EC),
                Arguments.of(Versleuteling.AUTH_ENVELOPED_AES_GCM, "RSA", RSA),
                Arguments.of(Versleuteling.ENVELOPED_AES_CBC, "EC", EC),
                Arguments.of(Versleuteling.ENVELOPED_AES_CBC, "RSA", RSA));
    }

    @Test
    void verifyWritesTheXmlOfASignedCopyAndNamesTheSigner() throws IOException {
        Path copy = Tool.write(dir, "kopie.p7m", SIGNED);

        Tool.Result result = Tool.run("verify", "--in", copy.toString(), "--ca", ca.toString(), "--out", out.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(XML);
        assertThat(result.err()).contains("verified application/pkcs7-mime; smime-type=signed-data", "OIN " + GATEWAY_OIN,
                "revocation not checked");
        assertThat(result.err()).as("no content on stderr").doesNotContain("HVHT-2026");
    }

    @Test
    void verifyWritesToStdoutWithoutOut() {
        Path copy = Tool.write(dir, "kopie.p7m", SIGNED);

        Tool.Result result = Tool.run("verify", "--in", copy.toString(), "--ca", ca.toString());

        assertThat(result.status()).isZero();
        assertThat(result.out()).isEqualTo(XML);
    }

    @Test
    void verifyChecksTheSignersOinAndCrlsWhenGiven() {
        Path copy = Tool.write(dir, "kopie.p7m", SIGNED);
        String crl = TestPki.crl().toString();

        Tool.Result gateway = Tool.run("verify", "--in", copy.toString(), "--ca", ca.toString(), "--oin", GATEWAY_OIN, "--crl", crl);
        String otherOin = CertificateIdentity.oinOf(EC.certificate()).orElseThrow();
        Tool.Result other = Tool.run("verify", "--in", copy.toString(), "--ca", ca.toString(), "--oin", otherOin);

        assertThat(gateway.status()).as(gateway.err()).isZero();
        assertThat(gateway.err()).contains("revocation checked");
        assertThat(other.status()).isEqualTo(ExitCode.SIGNATURE_INVALID.status());
        assertThat(other.err()).contains("SIGNER_MISMATCH");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("schemesAndKeys")
    void decryptOpensBothSchemesForEcAndRsaAndVerifies(Versleuteling scheme, String kind, IssuedCertificate recipient)
            throws IOException {
        Path copy = Tool.write(dir, "kopie.p7m", TestSignatures.gatewayEncryptor().encrypt(SIGNED, recipient.certificate(), scheme));
        Tool.Pair key = Tool.write(dir, "partner", recipient);

        Tool.Result result = Tool.run("decrypt", "--in", copy.toString(), "--key", key.key().toString(),
                "--cert", key.cert().toString(), "--ca", ca.toString(), "--oin", GATEWAY_OIN, "--out", out.toString());

        assertThat(result.status()).as(result.err()).isZero();
        assertThat(Files.readAllBytes(out)).isEqualTo(XML);
        assertThat(result.err()).contains("decrypted for", scheme == Versleuteling.AUTH_ENVELOPED_AES_GCM
                ? "smime-type=authEnveloped-data" : "smime-type=enveloped-data");
    }

    @Test
    void aTamperedSignedCopyIsRefused() {
        byte[] tampered = SIGNED.clone();
        tampered[Bytes.indexOf(tampered, XML) + 100] ^= 1;
        Path copy = Tool.write(dir, "kopie.p7m", tampered);

        Tool.Result result = Tool.run("verify", "--in", copy.toString(), "--ca", ca.toString(), "--out", out.toString());

        assertThat(result.status()).isEqualTo(ExitCode.SIGNATURE_INVALID.status()).isEqualTo(4);
        assertThat(result.err()).contains("signature refused: SIGNATURE_INVALID");
        assertThat(out).as("nothing written").doesNotExist();
    }

    @Test
    void aTamperedAuthEnvelopedCopyDoesNotDecrypt() {
        byte[] encrypted = TestSignatures.gatewayEncryptor().encrypt(SIGNED, EC.certificate(), Versleuteling.AUTH_ENVELOPED_AES_GCM);
        encrypted[encrypted.length - 1] ^= 1; // the GCM tag
        Tool.Result result = decrypt(encrypted, EC);

        assertThat(result.status()).isEqualTo(ExitCode.DECRYPTION_FAILED.status()).isEqualTo(5);
        assertThat(result.err()).contains("decryption failed");
    }

    @Test
    void aTamperedEnvelopedCopyFailsItsSignature() {
        byte[] encrypted = TestSignatures.gatewayEncryptor().encrypt(SIGNED, RSA.certificate(), Versleuteling.ENVELOPED_AES_CBC);
        // the ciphertext ends the structure; a byte three blocks before the end garbles the signature, not the padding
        encrypted[encrypted.length - 40] ^= 1;
        Tool.Result result = decrypt(encrypted, RSA);

        assertThat(result.status()).as("CBC has no integrity of its own: the signature inside catches it")
                .isEqualTo(ExitCode.SIGNATURE_INVALID.status());
    }

    @Test
    void aCopyForAnotherKeyDoesNotDecrypt() {
        byte[] encrypted = TestSignatures.gatewayEncryptor().encrypt(SIGNED, EC.certificate(), Versleuteling.AUTH_ENVELOPED_AES_GCM);

        assertThat(decrypt(encrypted, OTHER_EC).status()).isEqualTo(ExitCode.DECRYPTION_FAILED.status());
    }

    @Test
    void anUntrustedCaIsRefused() {
        CertificateAuthority other = CertificateAuthority.create("Andere CA", "Niet vertrouwd", 1);
        Path otherCa = Tool.write(dir, "andere-ca.crt", other.certificate());
        byte[] encrypted = TestSignatures.gatewayEncryptor().encrypt(SIGNED, EC.certificate(), Versleuteling.AUTH_ENVELOPED_AES_GCM);
        Tool.Pair key = Tool.write(dir, "partner", EC);
        Path copy = Tool.write(dir, "kopie.p7m", encrypted);

        Tool.Result verify = Tool.run("verify", "--in", Tool.write(dir, "signed.p7m", SIGNED).toString(), "--ca", otherCa.toString());
        Tool.Result decrypt = Tool.run("decrypt", "--in", copy.toString(), "--key", key.key().toString(),
                "--cert", key.cert().toString(), "--ca", otherCa.toString());

        assertThat(verify.status()).isEqualTo(ExitCode.SIGNATURE_INVALID.status());
        assertThat(verify.err()).contains("UNTRUSTED_SIGNER");
        assertThat(decrypt.status()).isEqualTo(ExitCode.SIGNATURE_INVALID.status());
        assertThat(decrypt.err()).contains("UNTRUSTED_SIGNER");
    }

    @Test
    void theWrongCommandForTheFormSaysWhichOne() {
        byte[] encrypted = TestSignatures.gatewayEncryptor().encrypt(SIGNED, EC.certificate(), Versleuteling.ENVELOPED_AES_CBC);
        Tool.Result verify = Tool.run("verify", "--in", Tool.write(dir, "kopie.p7m", encrypted).toString(), "--ca", ca.toString());
        Tool.Result decrypt = decrypt(SIGNED, EC);
        Tool.Result notCms = Tool.run("verify", "--in", Tool.write(dir, "bericht.xml", XML).toString(), "--ca", ca.toString());

        assertThat(verify.status()).isEqualTo(ExitCode.INPUT.status());
        assertThat(verify.err()).contains("use decrypt");
        assertThat(decrypt.status()).isEqualTo(ExitCode.INPUT.status());
        assertThat(decrypt.err()).contains("use verify");
        assertThat(notCms.status()).isEqualTo(ExitCode.INPUT.status());
    }

    @Test
    void badFilesAndCommandLinesHaveTheirOwnExitCodes() {
        Path copy = Tool.write(dir, "kopie.p7m", SIGNED);
        Tool.Pair justact = Tool.write(dir, "justact", EC);
        Tool.Pair trajectum = Tool.write(dir, "trajectum", OTHER_EC);

        assertThat(Tool.run("verify", "--in", copy.toString()).status()).isEqualTo(ExitCode.USAGE.status());
        assertThat(Tool.run("verify", "--in", copy.toString(), "--ca", ca.toString(), "--bogus", "x").status())
                .isEqualTo(ExitCode.USAGE.status());
        assertThat(Tool.run("nothing").status()).isEqualTo(ExitCode.USAGE.status());
        assertThat(Tool.run("verify", "--in", dir.resolve("missing").toString(), "--ca", ca.toString()).status())
                .isEqualTo(ExitCode.INPUT.status());
        assertThat(Tool.run("verify", "--in", copy.toString(), "--ca", copy.toString()).status()).isEqualTo(ExitCode.INPUT.status());
        Tool.Result mismatch = Tool.run("decrypt", "--in", copy.toString(), "--key", justact.key().toString(),
                "--cert", trajectum.cert().toString(), "--ca", ca.toString());
        assertThat(mismatch.status()).isEqualTo(ExitCode.INPUT.status());
        assertThat(mismatch.err()).contains("does not belong");
        assertThat(Tool.run("help").status()).isZero();
    }

    private Tool.Result decrypt(byte[] copy, IssuedCertificate recipient) {
        Tool.Pair key = Tool.write(dir, "partner", recipient);
        return Tool.run("decrypt", "--in", Tool.write(dir, "kopie.p7m", copy).toString(), "--key", key.key().toString(),
                "--cert", key.cert().toString(), "--ca", ca.toString(), "--out", out.toString());
    }

    private static byte[] example() {
        try {
            return Files.readAllBytes(Path.of("examples", "verwijzing.xml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
