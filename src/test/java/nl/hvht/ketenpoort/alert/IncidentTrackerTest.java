package nl.hvht.ketenpoort.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The incident logic: one notification per incident, no repeat within the quiet period, resolved once. */
class IncidentTrackerTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final Duration QUIET = Duration.ofHours(4);

    private final MemoryStore store = new MemoryStore();
    private final MutableClock clock = new MutableClock(T0);
    private final IncidentTracker tracker = new IncidentTracker(store, clock, QUIET);

    @Test
    void anIncidentIsNotifiedOnceAndNotAgainWithinTheQuietPeriod() {
        List<IncidentTracker.Notification> first = evaluateAndSend(List.of(Condition.dlq("open dode brieven: 1")));
        assertThat(first).singleElement().satisfies(n -> {
            assertThat(n.status()).isEqualTo(Incident.Status.OPEN);
            assertThat(n.incident().sleutel()).isEqualTo("dlq");
        });

        clock.advance(Duration.ofMinutes(5));
        assertThat(evaluateAndSend(List.of(Condition.dlq("open dode brieven: 2")))).isEmpty();
        assertThat(store.open()).singleElement().satisfies(i -> assertThat(i.details()).isEqualTo("open dode brieven: 2"));

        clock.advance(QUIET.minusMinutes(6));
        assertThat(evaluateAndSend(List.of(Condition.dlq("open dode brieven: 2")))).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        assertThat(evaluateAndSend(List.of(Condition.dlq("open dode brieven: 2")))).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo(Incident.Status.HERINNERING));
        assertThat(evaluateAndSend(List.of(Condition.dlq("open dode brieven: 2")))).isEmpty();
        assertThat(store.rows).hasSize(1);
    }

    @Test
    void aClearedConditionResolvesItsIncidentOnceAndANewOneOpensAgain() {
        evaluateAndSend(List.of(Condition.partnerFails("transfore", "5 op rij"), Condition.dlq("1")));
        clock.advance(Duration.ofMinutes(1));

        List<IncidentTracker.Notification> resolved = evaluateAndSend(List.of(Condition.dlq("1")));
        assertThat(resolved).singleElement().satisfies(n -> {
            assertThat(n.status()).isEqualTo(Incident.Status.OPGELOST);
            assertThat(n.incident().sleutel()).isEqualTo("partner-fails:transfore");
            assertThat(n.incident().opgelostOp()).isEqualTo(T0.plus(Duration.ofMinutes(1)));
        });
        assertThat(evaluateAndSend(List.of(Condition.dlq("1")))).isEmpty();

        List<IncidentTracker.Notification> again = evaluateAndSend(List.of(Condition.partnerFails("transfore", "5 op rij"), Condition.dlq("1")));
        assertThat(again).singleElement().satisfies(n -> assertThat(n.status()).isEqualTo(Incident.Status.OPEN));
        assertThat(store.rows).hasSize(3);
    }

    @Test
    void aNotificationThatCouldNotBeSentIsTriedAgainAndAnUnnotifiedIncidentResolvesSilently() {
        assertThat(tracker.evaluate(List.of(Condition.dlq("1")))).hasSize(1); // not marked sent
        assertThat(tracker.evaluate(List.of(Condition.dlq("1")))).singleElement()
                .satisfies(n -> assertThat(n.status()).isEqualTo(Incident.Status.OPEN));
        assertThat(tracker.evaluate(List.of())).isEmpty();
        assertThat(store.open()).isEmpty();
    }

    private List<IncidentTracker.Notification> evaluateAndSend(List<Condition> conditions) {
        List<IncidentTracker.Notification> notifications = tracker.evaluate(conditions);
        notifications.forEach(tracker::sent);
        return notifications;
    }

    /** An incident store in memory with the same rule as the table: at most one open incident per key. */
    private static final class MemoryStore implements IncidentStore {

        final List<Incident> rows = new ArrayList<>();

        @Override
        public List<Incident> open() {
            return rows.stream().filter(i -> i.opgelostOp() == null).toList();
        }

        @Override
        public Optional<Incident> open(Condition condition, Instant now) {
            if (open().stream().anyMatch(i -> i.sleutel().equals(condition.sleutel()))) {
                return Optional.empty();
            }
            Incident incident = new Incident(rows.size() + 1, condition.sleutel(), condition.soort(), condition.partner(), now,
                    condition.details(), null, null);
            rows.add(incident);
            return Optional.of(incident);
        }

        @Override
        public void updateDetails(long id, String details) {
            replace(id, i -> i.withDetails(details));
        }

        @Override
        public void markNotified(long id, Instant now) {
            replace(id, i -> new Incident(i.id(), i.sleutel(), i.soort(), i.partner(), i.geopendOp(), i.details(), now, i.opgelostOp()));
        }

        @Override
        public void resolve(long id, Instant now) {
            replace(id, i -> i.resolved(now));
        }

        @Override
        public int removeResolvedBefore(Instant before) {
            int size = rows.size();
            rows.removeIf(i -> i.opgelostOp() != null && i.opgelostOp().isBefore(before));
            return size - rows.size();
        }

        private void replace(long id, java.util.function.UnaryOperator<Incident> change) {
            rows.replaceAll(i -> i.id() == id ? change.apply(i) : i);
        }
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
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
