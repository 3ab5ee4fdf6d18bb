package nl.hvht.ketenpoort.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

class TracingConfigTest {

    private final io.micrometer.observation.ObservationFilter filter = new TracingConfig().safeHttpUrls();

    @Test
    void aPathNamingAParticipantIsMaskedInTheSpan() {
        Observation.Context context = new Observation.Context();
        context.addHighCardinalityKeyValue(KeyValue.of(TracingConfig.HTTP_URL, "/api/v1/deelnemers/HVHT-2026-0042/verstrekkingen"));

        filter.map(context);

        assertThat(context.getHighCardinalityKeyValue(TracingConfig.HTTP_URL).getValue())
                .isEqualTo("/api/v1/deelnemers/*/verstrekkingen");
    }

    @Test
    void anOutgoingUrlKeepsOnlySchemeHostAndPort() {
        assertThat(TracingConfig.origin("https://hooks.example.test:8443/services/T0/B0/geheim?token=x"))
                .isEqualTo("https://hooks.example.test:8443");
        assertThat(TracingConfig.origin("niet een url")).isEqualTo("none");
    }
}
