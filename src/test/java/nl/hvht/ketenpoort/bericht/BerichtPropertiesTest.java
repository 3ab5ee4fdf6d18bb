package nl.hvht.ketenpoort.bericht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;

class BerichtPropertiesTest {

    private static BerichtProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("ketenpoort.bericht", BerichtProperties.class);
    }

    @Test
    void absentSectionGivesTheDefaults() {
        assertThat(bind(Map.of())).isEqualTo(BerichtProperties.defaults());
        assertThat(BerichtProperties.defaults().maxBytes()).isEqualTo(DataSize.ofBytes(1_048_576));
        assertThat(BerichtProperties.defaults().maxElementDepth()).isEqualTo(64);
    }

    @Test
    void plainNumbersAreBytes() {
        BerichtProperties p = bind(Map.of("ketenpoort.bericht.max-bytes", "2097152",
                "ketenpoort.bericht.max-element-depth", "32"));

        assertThat(p.maxBytes()).isEqualTo(DataSize.ofMegabytes(2));
        assertThat(p.maxElementDepth()).isEqualTo(32);
        assertThat(p.maxAttributes()).isEqualTo(32);
    }

    @Test
    void absurdSizeFailsFast() {
        assertThatThrownBy(() -> bind(Map.of("ketenpoort.bericht.max-bytes", "1GB")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("max-bytes must be between");
    }
}
