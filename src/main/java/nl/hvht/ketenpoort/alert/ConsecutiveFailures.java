package nl.hvht.ketenpoort.alert;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import nl.hvht.ketenpoort.delivery.DeliveryEvent;
import org.apache.camel.ProducerTemplate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Listens to delivery: counts failed attempts in a row per partner (a success resets the count) with the last failure
 * word, and asks for an evaluation at once when a message is dead-lettered. Quick and never throwing (it runs in the
 * delivery thread). The counts live in memory: after a restart a partner's streak starts again from zero.
 */
@Component
@ConditionalOnProperty(name = "ketenpoort.alert.enabled", havingValue = "true")
class ConsecutiveFailures {

    private final Map<String, Streak> streaks = new ConcurrentHashMap<>();
    private final ProducerTemplate producer;

    ConsecutiveFailures(ProducerTemplate producer) {
        this.producer = producer;
    }

    @EventListener
    void attemptEnded(DeliveryEvent.AttemptEnded attempt) {
        if (attempt.success()) {
            streaks.remove(attempt.ontvanger());
        } else {
            streaks.merge(attempt.ontvanger(), new Streak(1, attempt.outcome()), (old, one) -> new Streak(old.count() + 1, one.lastOutcome()));
        }
    }

    @EventListener
    void deadLettered(DeliveryEvent.DeadLettered deadLettered) {
        // Coalesced: the evaluation queue holds at most one request, more are dropped (the queued one sees them all).
        producer.sendBody(AlertRoutes.EVALUATE, "dlq");
    }

    /** Per partner with failures in a row: how many and the last failure word. */
    Map<String, Streak> streaks() {
        return new TreeMap<>(streaks);
    }

    record Streak(int count, String lastOutcome) {
    }
}
