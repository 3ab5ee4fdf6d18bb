package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class AuditPropertiesTest {

    private static final String KEY = "k".repeat(32);

    private static AuditProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bind("ketenpoort.audit", AuditProperties.class)
                .get();
    }

    @Test
    void bindsRecordTimeoutAndDefaultsIt() {
        assertThat(bind(Map.of("ketenpoort.audit.pseudonym-key", KEY, "ketenpoort.audit.record-timeout", "3s"))
                .recordTimeout()).isEqualTo(Duration.ofSeconds(3));
        AuditProperties defaults = bind(Map.of("ketenpoort.audit.pseudonym-key", KEY));
        assertThat(defaults.recordTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.batchSize()).isEqualTo(500);
        assertThat(new AuditProperties(KEY, 20).recordTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesNonPositiveTimeoutAndHidesTheKey() {
        assertThatThrownBy(() -> new AuditProperties(KEY, 1, Duration.ZERO))
                .hasMessageContaining("record-timeout");
        assertThat(new AuditProperties(KEY, 1).toString()).doesNotContain(KEY);
    }
}
