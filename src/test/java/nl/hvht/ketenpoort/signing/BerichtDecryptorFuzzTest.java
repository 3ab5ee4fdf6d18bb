package nl.hvht.ketenpoort.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.NoOutboundConnections;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Decryption of delivered messages under fuzzing: any bytes give content or the one
 * {@link DecryptionFailedException} (same message, no cause); no other exception, no Error, no outbound connection.
 *
 * <p>Seeds in {@code BerichtDecryptorFuzzTestInputs/} are AuthEnvelopedData (AES-256-GCM, RSA-OAEP) and
 * EnvelopedData (AES-256-CBC) made once by OpenSSL for a throw-away certificate: well-formed, but not for this key.
 */
class BerichtDecryptorFuzzTest {

    private static NoOutboundConnections guard;
    private static BerichtDecryptor decryptor;
    private static String failure;

    @BeforeAll
    static void setUp() {
        guard = NoOutboundConnections.install();
        IssuedCertificate partner = TestPki.pki().partner("trajectum");
        decryptor = new BerichtDecryptor(partner.privateKey(), partner.certificate());
        try {
            decryptor.decrypt(new byte[0]);
        } catch (DecryptionFailedException e) {
            failure = e.getMessage();
        }
    }

    @AfterAll
    static void removeGuard() {
        guard.close();
    }

    @FuzzTest(maxDuration = "5m")
    void decrypt(byte[] cms) {
        try {
            assertThat(decryptor.decrypt(cms)).isNotNull();
        } catch (DecryptionFailedException indistinguishable) {
            assertThat(indistinguishable).hasMessage(failure).hasNoCause();
        } finally {
            guard.assertNone();
        }
    }
}
