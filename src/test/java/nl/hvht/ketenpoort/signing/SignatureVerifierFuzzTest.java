package nl.hvht.ketenpoort.signing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import nl.hvht.ketenpoort.support.NoOutboundConnections;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * CMS parsing and verification under fuzzing: any bytes give verified content or a
 * {@link SignatureInvalidException}; no other exception, no Error, no outbound connection.
 *
 * <p>Seeds in {@code SignatureVerifierFuzzTestInputs/} are CMS SignedData built once with Bouncy Castle by a
 * throw-away test CA (so they are well-formed but, against this run's fresh test CA, untrusted): a correct
 * partner signature, SHA-1, detached content, no signed attributes. They hold no private key.
 */
class SignatureVerifierFuzzTest {

    private static NoOutboundConnections guard;
    private static SignatureVerifier verifier;

    @BeforeAll
    static void setUp() {
        guard = NoOutboundConnections.install();
        verifier = new SignatureVerifier(List.of(TestPki.caCertificate()));
    }

    @AfterAll
    static void removeGuard() {
        guard.close();
    }

    @FuzzTest(maxDuration = "5m")
    void verify(byte[] cms) {
        try {
            VerifiedContent verified = verifier.verify(cms);
            assertThat(verified.content()).isNotNull();
        } catch (SignatureInvalidException declared) {
            assertThat(declared.reason()).isNotNull();
        } finally {
            guard.assertNone();
        }
    }
}
