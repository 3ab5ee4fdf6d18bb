package nl.hvht.ketenpoort.consent;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;

/**
 * The date logic of the expiry warnings (pure; the clock is the only input besides the arguments). Calendar dates
 * (release dates) are days in Europe/Amsterdam.
 */
final class ExpiryRules {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Duration DAY = Duration.ofDays(1);

    private final Clock clock;

    ExpiryRules(Clock clock) {
        this.clock = clock;
    }

    /** The end of a verklaring's latest version (not revoked). */
    record Einde(UUID verklaringId, int versie, String deelnemer, Instant geldigTot) {

        @Override
        public String toString() {
            return "Einde[" + verklaringId + "@v" + versie + ", geldigTot=" + geldigTot + "]";
        }
    }

    /** Start of the warning window: now. */
    Instant now() {
        return clock.instant();
    }

    /** End of the warning window: now plus {@code dagen} days. */
    Instant horizon(int dagen) {
        return clock.instant().plus(Duration.ofDays(dagen));
    }

    /** Today in Europe/Amsterdam. */
    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /**
     * Whole days left until {@code geldigTot} if it lies within the window {@code (now, now + dagen days]}; part of a
     * day counts as a day (a verklaring ending in 2 hours has 1 day left).
     */
    Optional<Long> daysLeft(Instant geldigTot, int dagen) {
        Instant now = clock.instant();
        if (!geldigTot.isAfter(now) || geldigTot.isAfter(horizon(dagen))) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, geldigTot);
        long days = left.toDays();
        return Optional.of(left.equals(DAY.multipliedBy(days)) ? days : days + 1);
    }

    /** Of a participant's live verklaringen (latest versions, not revoked), the one that lasts longest. */
    static Optional<Einde> longest(Collection<Einde> live) {
        return live.stream().max(Comparator.comparing(Einde::geldigTot).thenComparing(e -> e.verklaringId().toString()));
    }

    /**
     * Whether the participant's consent ends before a known release (or hand-over) date. Reading: of the
     * participant's verklaringen that are not revoked, the latest version of each counts, and the one that lasts
     * longest ({@link #longest}); the consent "ends before the date" when that version is no longer valid at the end
     * of the release day (its {@code geldigTot} is before the start of the next day, Europe/Amsterdam), or when there
     * is no such verklaring at all. Only dates from today on count: a release in the past is no longer a warning.
     * Which recipients, categories or purposes the verklaring names is not compared (the municipality may not be
     * known yet when only an expected release date is).
     *
     * @param datum   the release date
     * @param longest the longest-lasting live verklaring version, or empty if there is none
     */
    boolean endsBefore(LocalDate datum, Optional<Einde> longest) {
        if (datum.isBefore(today())) {
            return false;
        }
        Instant endOfDay = datum.plusDays(1).atStartOfDay(ZONE).toInstant();
        return longest.isEmpty() || longest.get().geldigTot().isBefore(endOfDay);
    }
}
