package nl.hvht.ketenpoort.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Rejection;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PostbusCursorTest {

    @Test
    void aCursorNamesThePositionAfterTheLastListedCopyToTheMicrosecond() {
        String id = UUID.randomUUID().toString();
        Instant at = Instant.parse("2026-12-02T18:03:26.123456Z");

        String cursor = PostbusController.Cursor.encode(new DeliveryLedger.Waiting(id, "Trajectplan", "hvht", at));

        assertThat(cursor).matches("[A-Za-z0-9_-]+");
        DeliveryLedger.Waiting position = PostbusController.Cursor.decode(cursor);
        assertThat(position.berichtId()).isEqualTo(id);
        assertThat(position.aangeboden()).isEqualTo(at);
    }

    @ParameterizedTest
    @ValueSource(strings = {"geen-cursor", "!!", "MjAyNi0xMi0wMlQxODowMzoyNlo", "fHg"})
    void anythingElseIsRefusedAsInvalidInput(String cursor) {
        assertThatThrownBy(() -> PostbusController.Cursor.decode(cursor)).isInstanceOfSatisfying(Rejection.class,
                r -> assertThat(r.code()).isEqualTo(RejectionCode.VALIDATION_FAILED));
    }
}
