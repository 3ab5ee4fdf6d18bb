package nl.hvht.ketenpoort.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import nl.hvht.ketenpoort.admin.LoginThrottle.Lock;
import nl.hvht.ketenpoort.admin.LoginThrottle.Release;
import nl.hvht.ketenpoort.admin.LoginThrottle.Scope;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final String ATTACKER = "10.0.0.66";
    private static final String USUAL = "10.0.0.1";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    /** 5 failures per name and address, 8 per address, first lock 30 s doubling up to 15 minutes. */
    private final LoginThrottle throttle = new LoginThrottle(5, 8, Duration.ofSeconds(30), Duration.ofMinutes(15), clock);

    @Test
    void fiveFailuresLockTheNameFromThatAddressOnly() {
        for (int i = 1; i <= 4; i++) {
            assertThat(throttle.failed("jansen", "10.0.0.2")).as("failure %d", i).isEmpty();
        }
        assertThat(throttle.failed("jansen", "10.0.0.2"))
                .containsExactly(new Lock(Scope.NAAM_EN_ADRES, "jansen", "10.0.0.2", clock.instant().plusSeconds(30)));
        assertThat(throttle.locked("jansen", "10.0.0.2")).isTrue();
        // the same name from another address, another name from this address: not locked
        assertThat(throttle.locked("jansen", USUAL)).isFalse();
        assertThat(throttle.locked("pietersen", "10.0.0.2")).isFalse();
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.locked("jansen", "10.0.0.2")).isFalse();
    }

    @Test
    void anotherSpellingOfTheNameIsAnotherName() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("KIJKER1 ", USUAL);
        }
        assertThat(throttle.locked("KIJKER1 ", USUAL)).isTrue();
        assertThat(throttle.locked("kijker1", USUAL)).as("names are matched exactly as stored").isFalse();
        assertThat(throttle.locked("kijker1 ", USUAL)).isFalse();
        assertThat(throttle.locked("Kijker1", USUAL)).isFalse();
    }

    @Test
    void everyFurtherFailureDoublesTheLockUpToTheMaximum() {
        LoginThrottle throttle = new LoginThrottle(5, 1000, Duration.ofSeconds(30), Duration.ofMinutes(15), clock);
        for (int i = 0; i < 5; i++) {
            throttle.failed("jansen", ATTACKER);
        }
        List<Duration> locks = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Instant lockedUntil = clock.instant();
            while (throttle.locked("jansen", ATTACKER)) {
                clock.advance(Duration.ofSeconds(1));
            }
            locks.add(Duration.between(lockedUntil, clock.instant()));
            List<Lock> started = throttle.failed("jansen", ATTACKER);
            assertThat(started).hasSize(1);
        }
        assertThat(locks).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofMinutes(15));
    }

    @Test
    void whileLockedFailuresDoNotExtendTheLock() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("jansen", USUAL);
        }
        clock.advance(Duration.ofSeconds(20));
        assertThat(throttle.failed("jansen", USUAL)).isEmpty();
        clock.advance(Duration.ofSeconds(10));
        assertThat(throttle.locked("jansen", USUAL)).isFalse();
    }

    @Test
    void manyNamesFromOneAddressLockTheAddress() {
        for (int i = 0; i < 7; i++) {
            assertThat(throttle.failed("naam" + i, ATTACKER)).isEmpty();
        }
        assertThat(throttle.failed("naam7", ATTACKER))
                .containsExactly(new Lock(Scope.ADRES, null, ATTACKER, clock.instant().plus(Duration.ofMinutes(15))));
        assertThat(throttle.locked("iemand-anders", ATTACKER)).isTrue();
        assertThat(throttle.locked("iemand-anders", "10.0.0.67")).isFalse();
    }

    @Test
    void aSuccessfulLoginOfOneAccountDoesNotResetTheAddressCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("slachtoffer" + i, ATTACKER);
            // the attacker's own valid account logs in between his guesses
            throttle.succeeded("eigen-account", ATTACKER);
        }
        for (int i = 4; i < 7; i++) {
            assertThat(throttle.failed("slachtoffer" + i, ATTACKER)).isEmpty();
            throttle.succeeded("eigen-account", ATTACKER);
        }
        assertThat(throttle.failed("slachtoffer7", ATTACKER)).extracting(Lock::scope).containsExactly(Scope.ADRES);
        assertThat(throttle.locked("eigen-account", ATTACKER)).isTrue();
    }

    @Test
    void aFullLoginClearsOnlyItsOwnNameAndAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("jansen", USUAL);
            throttle.failed("pietersen", USUAL);
        }
        throttle.succeeded("jansen", USUAL);
        assertThat(throttle.failed("jansen", USUAL)).isEmpty();
        assertThat(throttle.failed("pietersen", USUAL)).extracting(Lock::scope).containsExactly(Scope.NAAM_EN_ADRES);
    }

    @Test
    void aLockedOutAdministratorStillLogsInFromHisUsualAddressOnceTheAttackerIsThrottled() {
        // the attacker guesses kijker1's password from his address until that address is locked
        int guesses = 0;
        while (!throttle.locked("kijker1", ATTACKER) || !throttle.locked("wie-dan-ook", ATTACKER)) {
            throttle.failed("kijker1", ATTACKER);
            guesses++;
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(guesses).isLessThanOrEqualTo(8);
        // kijker1 himself, from his usual address, is never locked by that
        assertThat(throttle.locked("kijker1", USUAL)).isFalse();
        // even when he mistypes twice, he still gets in
        throttle.failed("kijker1", USUAL);
        throttle.failed("kijker1", USUAL);
        assertThat(throttle.locked("kijker1", USUAL)).isFalse();
        throttle.succeeded("kijker1", USUAL);
        assertThat(throttle.locked("kijker1", ATTACKER)).as("the attacker stays throttled").isTrue();
    }

    @Test
    void everyLockThatEndsIsReportedOnce() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("jansen", USUAL);
        }
        for (int i = 0; i < 8; i++) {
            throttle.failed("naam" + i, ATTACKER);
        }
        assertThat(throttle.released()).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.released()).containsExactly(new Release(Scope.NAAM_EN_ADRES, "jansen", USUAL));
        assertThat(throttle.released()).isEmpty();
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.released()).containsExactly(new Release(Scope.ADRES, null, ATTACKER));
        assertThat(throttle.released()).isEmpty();
    }

    @Test
    void failuresOlderThanTheLongestLockAreForgotten() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("jansen", USUAL);
        }
        clock.advance(Duration.ofMinutes(15));
        assertThat(throttle.failed("jansen", USUAL)).isEmpty();
        assertThat(throttle.locked("jansen", USUAL)).isFalse();
    }

    static final class MutableClock extends Clock {
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
