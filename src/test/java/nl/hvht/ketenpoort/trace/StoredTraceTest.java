package nl.hvht.ketenpoort.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StoredTraceTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void theTraceIdIsThe32HexDigitsOfTheTraceparent() {
        assertThat(new StoredTrace(TRACEPARENT, null).traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void nothingStoredOrNotOfTheWrittenFormIsNoContext() {
        assertThat(StoredTrace.of(null, "a=b")).isNull();
        assertThat(StoredTrace.of("00-4bf92f35", null)).isNull();
        assertThatThrownBy(() -> new StoredTrace("00-4bf92f35", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyOrOverlongTracestateIsDropped() {
        assertThat(StoredTrace.of(TRACEPARENT, "").tracestate()).isNull();
        assertThat(StoredTrace.of(TRACEPARENT, "a=" + "b".repeat(StoredTrace.MAX_TRACESTATE)).tracestate()).isNull();
        assertThat(StoredTrace.of(TRACEPARENT, "hvht=k7p1").tracestate()).isEqualTo("hvht=k7p1");
    }
}
