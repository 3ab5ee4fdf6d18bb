package nl.hvht.ketenpoort.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The gateway's clock in the integration tests: the system clock (UTC) plus an offset that a test can move, so that
 * "a week later" is a call instead of a wait. The offset is zero unless a test moves it, and a test that moves it
 * puts it back ({@link #reset}) before it ends: every IT shares this clock, as it shares the Spring context.
 */
public final class TestClock extends Clock {

    private final Clock system;
    private volatile Duration offset = Duration.ZERO;

    TestClock(Clock system) {
        this.system = system;
    }

    /** Moves the clock forward by {@code amount}. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("the test clock only moves forward (reset puts it back)");
        }
        offset = offset.plus(amount);
    }

    /** Back to the system clock. */
    public void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return system.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return system.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (zone.equals(system.getZone())) {
            return this;
        }
        throw new UnsupportedOperationException("the gateway's clock is UTC");
    }

    /** Registers the test clock as the gateway's clock (primary over the application's {@code Clock.systemUTC()}). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock(Clock.system(ZoneOffset.UTC));
        }
    }
}
