package nl.hvht.ketenpoort.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PkiPropertiesTest {

    private static PkiProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("ketenpoort.pki", PkiProperties.class);
    }

    @Test
    void expiryWarningDefaultsToThirtyDays() {
        PkiProperties properties = bind(Map.of("ketenpoort.pki.dir", "/etc/ketenpoort/pki"));
        assertThat(properties.dir()).isEqualTo(Path.of("/etc/ketenpoort/pki"));
        assertThat(properties.expiryWarning()).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void aNonPositiveExpiryWarningFailsWithAClearMessage() {
        assertThatThrownBy(() -> bind(Map.of("ketenpoort.pki.dir", "x", "ketenpoort.pki.expiry-warning", "0d")))
                .rootCause().hasMessageContaining("ketenpoort.pki.expiry-warning must be a positive duration");
    }
}
