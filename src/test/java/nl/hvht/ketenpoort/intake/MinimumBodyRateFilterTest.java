package nl.hvht.ketenpoort.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MinimumBodyRateFilterTest {

    private static final long SECOND = 1_000_000_000L;

    /** 4096 bytes per second after a grace of 2 s. */
    private final MinimumBodyRateFilter filter = new MinimumBodyRateFilter(4096, Duration.ofSeconds(2), System::nanoTime);

    @Test
    void anythingGoesWithinTheGracePeriod() {
        assertThat(filter.tooSlow(1, 2 * SECOND)).isFalse();
        assertThat(filter.tooSlow(0, SECOND)).isFalse();
    }

    @Test
    void aTricklingBodyIsTooSlowOnceTheGracePeriodHasPassed() {
        // one byte every five seconds, as in the attack
        assertThat(filter.tooSlow(2, 5 * SECOND)).isTrue();
        assertThat(filter.tooSlow(4095, 3 * SECOND)).isTrue();
    }

    @Test
    void aBodyAtTheMinimumRateOrFasterIsNot() {
        assertThat(filter.tooSlow(4096, 3 * SECOND)).isFalse();
        assertThat(filter.tooSlow(1024 * 1024, 30 * SECOND)).isFalse();
        assertThat(filter.tooSlow(4096 * 28, 30 * SECOND)).isFalse();
        assertThat(filter.tooSlow(4096 * 28 - 1, 30 * SECOND)).isTrue();
    }
}
