package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(5, 8, Duration.ofMinutes(15), clock);

    @Test
    void fiveFailuresLockTheUserNameForTheWholePeriod() {
        for (int i = 1; i <= 4; i++) {
            assertThat(throttle.failed("Jansen", "10.0.0.1")).as("failure %d", i).isFalse();
            assertThat(throttle.locked("jansen", "10.0.0.9")).isFalse();
        }
        assertThat(throttle.failed("jansen", "10.0.0.2")).isTrue();
        // locked by name (case-insensitive), from any address, other names not
        assertThat(throttle.locked("JANSEN", "10.0.0.9")).isTrue();
        assertThat(throttle.locked("pietersen", "10.0.0.9")).isFalse();
        clock.advance(Duration.ofMinutes(14).plusSeconds(59));
        assertThat(throttle.locked("jansen", "10.0.0.9")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.locked("jansen", "10.0.0.9")).isFalse();
        // after the lock the count starts again
        assertThat(throttle.failed("jansen", "10.0.0.9")).isFalse();
    }

    @Test
    void failuresOlderThanThePeriodAreForgotten() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("jansen", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.failed("jansen", "10.0.0.1")).isFalse();
        assertThat(throttle.locked("jansen", "10.0.0.1")).isFalse();
    }

    @Test
    void manyNamesFromOneAddressLockTheAddress() {
        for (int i = 0; i < 7; i++) {
            assertThat(throttle.failed("naam" + i, "10.0.0.66")).isFalse();
        }
        assertThat(throttle.failed("naam7", "10.0.0.66")).isTrue();
        assertThat(throttle.locked("iemand-anders", "10.0.0.66")).isTrue();
        assertThat(throttle.locked("iemand-anders", "10.0.0.67")).isFalse();
    }

    @Test
    void aFullLoginClearsBothCounters() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("jansen", "10.0.0.1");
        }
        throttle.succeeded("jansen", "10.0.0.1");
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("jansen", "10.0.0.1")).isFalse();
        }
        assertThat(throttle.locked("jansen", "10.0.0.1")).isFalse();
    }

    @Test
    void whileLockedFailuresDoNotExtendTheLock() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("jansen", "10.0.0.1");
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.failed("jansen", "10.0.0.1")).isTrue();
        clock.advance(Duration.ofMinutes(5));
        assertThat(throttle.locked("jansen", "10.0.0.2")).isFalse();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
