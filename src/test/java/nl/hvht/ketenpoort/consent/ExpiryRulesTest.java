package nl.hvht.ketenpoort.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The date logic of the expiry warnings, on a fixed clock. */
class ExpiryRulesTest {

    /** 23 November 2026, 10:00 in Amsterdam (UTC+1). */
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");
    private final ExpiryRules rules = new ExpiryRules(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aVerklaringEndingWithinTheHorizonIsWarnedWithDaysLeftRoundedUp() {
        Instant inFiveDays = NOW.plus(Duration.ofDays(5));
        assertThat(rules.daysLeft(inFiveDays, 7)).contains(5L);
        assertThat(rules.daysLeft(inFiveDays, 5)).as("the horizon's last moment counts").contains(5L);
        assertThat(rules.daysLeft(inFiveDays, 3)).isEmpty();
        assertThat(rules.daysLeft(inFiveDays.minusSeconds(60), 7)).as("4 days and most of a fifth").contains(5L);
        assertThat(rules.daysLeft(NOW.plus(Duration.ofHours(2)), 1)).contains(1L);
    }

    @Test
    void aVerklaringThatEndedIsNoWarning() {
        assertThat(rules.daysLeft(NOW, 30)).isEmpty();
        assertThat(rules.daysLeft(NOW.minusSeconds(1), 30)).isEmpty();
    }

    @Test
    void consentEndingBeforeTheEndOfTheReleaseDayIsWarned() {
        LocalDate release = LocalDate.of(2026, 12, 10);
        // 10 December ends at 11 December 00:00 Amsterdam = 10 December 23:00 UTC.
        Instant endOfReleaseDay = Instant.parse("2026-12-10T23:00:00Z");
        assertThat(rules.endsBefore(release, Optional.of(einde(endOfReleaseDay)))).isFalse();
        assertThat(rules.endsBefore(release, Optional.of(einde(endOfReleaseDay.minusSeconds(1))))).isTrue();
        assertThat(rules.endsBefore(release, Optional.of(einde(Instant.parse("2026-12-01T00:00:00Z"))))).isTrue();
        assertThat(rules.endsBefore(release, Optional.of(einde(Instant.parse("2027-06-01T00:00:00Z"))))).isFalse();
    }

    @Test
    void noLiveConsentAtAllIsWarned() {
        assertThat(rules.endsBefore(LocalDate.of(2026, 12, 10), Optional.empty())).isTrue();
    }

    @Test
    void aReleaseDateInThePastIsNoWarningButTodayIs() {
        assertThat(rules.endsBefore(LocalDate.of(2026, 11, 22), Optional.empty())).isFalse();
        assertThat(rules.endsBefore(LocalDate.of(2026, 11, 23), Optional.empty())).isTrue();
    }

    @Test
    void theLongestLastingVerklaringCounts() {
        ExpiryRules.Einde short1 = einde(Instant.parse("2026-12-01T00:00:00Z"));
        ExpiryRules.Einde long1 = einde(Instant.parse("2027-06-01T00:00:00Z"));
        assertThat(ExpiryRules.longest(List.of(short1, long1))).contains(long1);
        assertThat(ExpiryRules.longest(List.of())).isEmpty();
    }

    private static ExpiryRules.Einde einde(Instant tot) {
        return new ExpiryRules.Einde(UUID.randomUUID(), 1, "HVHT-2026-0042", tot);
    }
}
