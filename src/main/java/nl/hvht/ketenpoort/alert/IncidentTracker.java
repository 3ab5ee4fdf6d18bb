package nl.hvht.ketenpoort.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The incident logic, without I/O of its own: given the conditions that hold now, opens an incident for a new one
 * (notification OPEN), reminds of a lasting one at most once per quiet period (HERINNERING), and resolves an incident
 * whose condition no longer holds (OPGELOST, only if it was ever notified). The caller sends the notifications and
 * then marks them sent ({@link #sent}); one that could not be sent is tried again at the next evaluation.
 */
class IncidentTracker {

    private final IncidentStore store;
    private final Clock clock;
    private final Duration quietPeriod;

    IncidentTracker(IncidentStore store, Clock clock, Duration quietPeriod) {
        this.store = store;
        this.clock = clock;
        this.quietPeriod = quietPeriod;
    }

    /** Compares the conditions with the open incidents; returns what is to be notified. */
    List<Notification> evaluate(Collection<Condition> conditions) {
        Instant now = clock.instant();
        Map<String, Incident> open = store.open().stream().collect(Collectors.toMap(Incident::sleutel, Function.identity(), (a, b) -> a));
        Map<String, Condition> holding = conditions.stream().collect(Collectors.toMap(Condition::sleutel, Function.identity(), (a, b) -> a));
        List<Notification> notifications = new ArrayList<>();
        for (Condition condition : holding.values()) {
            Incident incident = open.get(condition.sleutel());
            if (incident == null) {
                store.open(condition, now).ifPresent(opened -> notifications.add(new Notification(Incident.Status.OPEN, opened)));
                continue;
            }
            if (!condition.details().equals(incident.details())) {
                store.updateDetails(incident.id(), condition.details());
                incident = incident.withDetails(condition.details());
            }
            if (incident.laatstGemeldOp() == null) {
                notifications.add(new Notification(Incident.Status.OPEN, incident));
            } else if (!now.isBefore(incident.laatstGemeldOp().plus(quietPeriod))) {
                notifications.add(new Notification(Incident.Status.HERINNERING, incident));
            }
        }
        for (Incident incident : open.values()) {
            if (!holding.containsKey(incident.sleutel())) {
                store.resolve(incident.id(), now);
                if (incident.laatstGemeldOp() != null) {
                    notifications.add(new Notification(Incident.Status.OPGELOST, incident.resolved(now)));
                }
            }
        }
        return notifications;
    }

    /** The notification went out: no reminder before the quiet period has passed. */
    void sent(Notification notification) {
        if (notification.status() != Incident.Status.OPGELOST) {
            store.markNotified(notification.incident().id(), clock.instant());
        }
    }

    /** One notification: what it says (open, reminder, resolved) and the incident. */
    record Notification(Incident.Status status, Incident incident) {
    }
}
