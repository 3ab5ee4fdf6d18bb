package nl.hvht.ketenpoort.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class AuditPropertiesTest {

    private static final String KEY = "k".repeat(32);
    private static final String OLD_KEY = "old-pseudonym-key-Q3v9Zk1mR8sT2wXy5bN7";

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
        assertThat(defaults.pseudonymKeyId()).isEqualTo("0");
        assertThat(defaults.previousPseudonymKeys()).isEmpty();
        assertThat(new AuditProperties(KEY, 20).recordTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void refusesNonPositiveTimeoutAndHidesTheKey() {
        assertThatThrownBy(() -> new AuditProperties(KEY, 1, Duration.ZERO))
                .hasMessageContaining("record-timeout");
        assertThat(new AuditProperties(KEY, 1).toString()).doesNotContain(KEY);
    }

    @Test
    void bindsTheKeyIdAndPreviousKeysAlsoFromEnvironmentVariables() {
        AuditProperties fromYaml = bind(Map.of("ketenpoort.audit.pseudonym-key", KEY, "ketenpoort.audit.pseudonym-key-id", "1",
                "ketenpoort.audit.previous-pseudonym-keys.0", OLD_KEY));
        assertThat(fromYaml.pseudonymKeyId()).isEqualTo("1");
        assertThat(fromYaml.previousPseudonymKeys()).containsExactly(Map.entry("0", OLD_KEY));

        // As the README tells operators to set them.
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(
                "KETENPOORT_AUDIT_PSEUDONYMKEY", KEY, "KETENPOORT_AUDIT_PSEUDONYMKEYID", "2",
                "KETENPOORT_AUDIT_PREVIOUSPSEUDONYMKEYS_0", OLD_KEY,
                "KETENPOORT_AUDIT_PREVIOUSPSEUDONYMKEYS_1", "second-pseudonym-key-Pw7x2Kq9Lm4Zr1Vb3n8J")));
        AuditProperties fromEnv = new Binder(ConfigurationPropertySources.get(environment))
                .bind("ketenpoort.audit", AuditProperties.class).get();
        assertThat(fromEnv.pseudonymKeyId()).isEqualTo("2");
        assertThat(fromEnv.previousPseudonymKeys()).containsOnlyKeys("0", "1").containsEntry("0", OLD_KEY);
    }

    @Test
    void refusesARotationThatIsNoneAndBadKeyIdsWithoutShowingAKey() {
        assertThatThrownBy(() -> new AuditProperties(KEY, "1", Map.of("1", OLD_KEY), 1, null))
                .hasMessageContaining("ketenpoort.audit.previous-pseudonym-keys.1 has the id of the current key");
        assertThatThrownBy(() -> new AuditProperties(KEY, "1", Map.of("0", KEY), 1, null))
                .hasMessage("ketenpoort.audit.previous-pseudonym-keys.0 is the current key: a rotation needs a new key");
        assertThatThrownBy(() -> new AuditProperties(KEY, "1", Map.of("0", "short-old-key"), 1, null))
                .hasMessage("ketenpoort.audit.previous-pseudonym-keys.0 must be at least 32 characters");
        assertThatThrownBy(() -> new AuditProperties(KEY, "Key-1", Map.of(), 1, null))
                .hasMessageContaining("ketenpoort.audit.pseudonym-key-id must be 1-6 characters");
        assertThatThrownBy(() -> new AuditProperties(KEY, "1", Map.of("toolong7", OLD_KEY), 1, null))
                .hasMessageContaining("key ids must be 1-6 characters");
        assertThatThrownBy(() -> bind(Map.of("ketenpoort.audit.pseudonym-key", KEY, "ketenpoort.audit.previous-pseudonym-keys.0", KEY)))
                .isInstanceOf(BindException.class).rootCause().hasMessageNotContaining(KEY);

        AuditProperties rotated = new AuditProperties(KEY, "1", Map.of("0", OLD_KEY), 1, null);
        assertThat(rotated.toString()).contains("pseudonymKeyId=1", "[0]").doesNotContain(KEY).doesNotContain(OLD_KEY);
    }
}
