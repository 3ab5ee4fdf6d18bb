package nl.hvht.ketenpoort.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PartnerRateLimiterTest {

    private static final Set<String> REGISTRY = Set.of("hvht", "tactus", "gemeente-almelo");

    /** A clock the test moves by hand. */
    private static final class Clock implements TimeMeter {
        long nanos = 1_000_000_000L;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advance(Duration d) {
            nanos += d.toNanos();
        }
    }

    private final Clock clock = new Clock();

    private PartnerRateLimiter limiter(int perSecond, int burst, Map<String, IntakeProperties.Limit> overrides) {
        return new PartnerRateLimiter(new IntakeProperties.RateLimit(perSecond, burst, overrides), REGISTRY::contains, clock);
    }

    @Test
    void burstIsAllowedThenRefusedWithSecondsToWait() {
        PartnerRateLimiter limiter = limiter(2, 5, Map.of());

        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("hvht")).as("request %d of the burst", i + 1).isZero();
        }
        assertThat(limiter.acquire("hvht")).as("over the burst: seconds to wait").isEqualTo(1);

        clock.advance(Duration.ofMillis(499));
        assertThat(limiter.acquire("hvht")).as("not yet a whole token").isEqualTo(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.acquire("hvht")).as("one token after 500 ms at 2/s").isZero();
        assertThat(limiter.acquire("hvht")).isEqualTo(1);
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        PartnerRateLimiter limiter = limiter(1, 1, Map.of());
        assertThat(limiter.acquire("tactus")).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(limiter.acquire("tactus")).as("999 ms left, rounded up").isEqualTo(1);
    }

    @Test
    void partnersHaveTheirOwnBuckets() {
        PartnerRateLimiter limiter = limiter(1, 2, Map.of());
        assertThat(limiter.acquire("hvht")).isZero();
        assertThat(limiter.acquire("hvht")).isZero();
        assertThat(limiter.acquire("hvht")).isPositive();

        assertThat(limiter.acquire("tactus")).as("another partner is not affected").isZero();
        assertThat(limiter.acquire("tactus")).isZero();
    }

    @Test
    void overrideAppliesToItsPartnerOnly() {
        PartnerRateLimiter limiter = limiter(100, 100, Map.of("gemeente-almelo", new IntakeProperties.Limit(1, 1)));

        assertThat(limiter.acquire("gemeente-almelo")).isZero();
        assertThat(limiter.acquire("gemeente-almelo")).isEqualTo(1);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.acquire("hvht")).isZero();
        }
        assertThat(limiter.acquire("hvht")).isEqualTo(1);
    }

    @Test
    void overrideForAnUnknownPartnerFailsFast() {
        assertThatThrownBy(() -> limiter(1, 1, Map.of("gemeente-nergens", new IntakeProperties.Limit(1, 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ketenpoort.intake.rate-limit.partners")
                .hasMessageContaining("gemeente-nergens");
    }

    @Test
    void twoNodesTogetherAllowThePartnersRateAndNoMore() {
        // Two nodes, each its own limiter with half the limit: 10/s, burst 20 overall.
        AtomicInteger nodes = new AtomicInteger(2);
        IntakeProperties.RateLimit limits = new IntakeProperties.RateLimit(10, 20, Map.of());
        PartnerRateLimiter first = new PartnerRateLimiter(limits, REGISTRY::contains, clock, nodes::get);
        PartnerRateLimiter second = new PartnerRateLimiter(limits, REGISTRY::contains, clock, nodes::get);

        assertThat(allowedNow(first, "hvht") + allowedNow(second, "hvht")).as("burst over both nodes").isEqualTo(20);
        clock.advance(Duration.ofSeconds(1));
        assertThat(allowedNow(first, "hvht") + allowedNow(second, "hvht")).as("one second of refill over both nodes").isEqualTo(10);
    }

    @Test
    void whenANodeLeavesTheOtherTakesTheWholeLimit() {
        AtomicInteger nodes = new AtomicInteger(2);
        PartnerRateLimiter limiter = new PartnerRateLimiter(new IntakeProperties.RateLimit(10, 20, Map.of()), REGISTRY::contains,
                clock, nodes::get);
        assertThat(allowedNow(limiter, "hvht")).as("half the burst").isEqualTo(10);

        nodes.set(1);
        clock.advance(Duration.ofSeconds(2));
        assertThat(allowedNow(limiter, "hvht")).as("the whole burst again after refilling").isEqualTo(20);
    }

    private static int allowedNow(PartnerRateLimiter limiter, String partner) {
        int allowed = 0;
        while (limiter.acquire(partner) == 0) {
            allowed++;
        }
        return allowed;
    }
}
