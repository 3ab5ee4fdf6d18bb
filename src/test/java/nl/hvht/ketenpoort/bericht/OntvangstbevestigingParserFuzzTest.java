package nl.hvht.ketenpoort.bericht;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import nl.hvht.ketenpoort.support.NoOutboundConnections;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The content of partners' signed receipts under fuzzing: any bytes give a receipt or an empty result; no exception,
 * no Error, no outbound connection (external entities, schemas and DTDs stay closed). Seed: a valid receipt.
 */
class OntvangstbevestigingParserFuzzTest {

    private static NoOutboundConnections guard;
    private static OntvangstbevestigingParser parser;

    @BeforeAll
    static void setUp() {
        guard = NoOutboundConnections.install();
        parser = new OntvangstbevestigingParser(BerichtProperties.defaults());
    }

    @AfterAll
    static void removeGuard() {
        guard.close();
    }

    @FuzzTest(maxDuration = "5m")
    void parse(byte[] xml) {
        try {
            Optional<OntvangstbevestigingContent> receipt = parser.parse(xml);
            receipt.ifPresent(r -> assertThat(r.berichtId()).isNotNull());
        } finally {
            guard.assertNone();
        }
    }
}
