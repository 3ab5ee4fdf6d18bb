package nl.hvht.ketenpoort.partner;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafePathsTest {

    @Test
    void participantIdsInPathsAreMasked() {
        assertThat(SafePaths.mask("/api/v1/deelnemers/HVHT-2026-0042/verstrekkingen"))
                .isEqualTo("/api/v1/deelnemers/*/verstrekkingen");
        assertThat(SafePaths.mask("/api/v1/deelnemers/HVHT-2026-0042")).isEqualTo("/api/v1/deelnemers/*");
        assertThat(SafePaths.mask("/api/v1/berichten/0b6f0c1e-7d1a-4c41-9a5e-3f1e2d4c5b6a"))
                .isEqualTo("/api/v1/berichten/0b6f0c1e-7d1a-4c41-9a5e-3f1e2d4c5b6a");
        assertThat(SafePaths.mask(null)).isNull();
    }
}
