package nl.hvht.ketenpoort.bericht;

import nl.hvht.ketenpoort.problem.Rejection;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import nl.hvht.ketenpoort.support.NoOutboundConnections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * XML intake under fuzzing: any bytes give a {@link ParsedBericht} or a {@link Rejection}, nothing else
 * (no other exception, no OutOfMemoryError or StackOverflowError, no outbound connection).
 *
 * <p>Regression mode (every {@code ./mvnw test}) runs the seeds in {@code BerichtParserFuzzTestInputs/}:
 * the example messages, XXE/external-DTD/XInclude/schemaLocation inputs pointing at the local canary,
 * entity expansion and deep nesting. A long run: see "Fuzzing" in the README.
 */
class BerichtParserFuzzTest {

    private static NoOutboundConnections guard;

    @BeforeAll
    static void installGuard() {
        guard = NoOutboundConnections.install();
    }

    @AfterAll
    static void removeGuard() {
        guard.close();
    }

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] xml) {
        try {
            ParsedBericht message = Examples.PARSER.parse(xml);
            assertThat(message.envelope()).isNotNull();
            assertThat(message.categories()).isNotNull();
        } catch (Rejection declared) {
            assertThat(declared.code()).isNotNull();
        } finally {
            guard.assertNone();
        }
    }
}
