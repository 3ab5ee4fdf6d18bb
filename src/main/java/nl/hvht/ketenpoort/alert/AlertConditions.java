package nl.hvht.ketenpoort.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.delivery.DeadLetters;
import nl.hvht.ketenpoort.delivery.DeliveryBacklog;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Which incident conditions hold now, from the ledger (dead letters, backlog) and the failure streaks. */
@Component
@ConditionalOnProperty(name = "ketenpoort.alert.enabled", havingValue = "true")
class AlertConditions {

    private static final int MAX_DETAILS = 1000;

    private final DeadLetters deadLetters;
    private final DeliveryBacklog backlog;
    private final ConsecutiveFailures failures;
    private final AlertProperties properties;
    private final Clock clock;

    AlertConditions(DeadLetters deadLetters, DeliveryBacklog backlog, ConsecutiveFailures failures, AlertProperties properties,
            Clock clock) {
        this.deadLetters = deadLetters;
        this.backlog = backlog;
        this.failures = failures;
        this.properties = properties;
        this.clock = clock;
    }

    List<Condition> holding() {
        List<Condition> conditions = new ArrayList<>();
        Map<String, Integer> dead = deadLetters.openPerRecipient();
        if (!dead.isEmpty()) {
            int total = dead.values().stream().mapToInt(Integer::intValue).sum();
            conditions.add(Condition.dlq(details("open dode brieven: " + total + "; per ontvanger: " + counts(dead))));
        }
        failures.streaks().forEach((partner, streak) -> {
            if (streak.count() >= properties.consecutiveFailures()) {
                conditions.add(Condition.partnerFails(partner, details("mislukte pogingen op rij: " + streak.count()
                        + " (drempel " + properties.consecutiveFailures() + "); laatste reden: " + streak.lastOutcome())));
            }
        });
        Instant now = clock.instant();
        backlog.oldestUndelivered().forEach((partner, oldest) -> {
            Duration age = Duration.between(oldest, now);
            if (age.compareTo(properties.maxUndeliveredAge()) > 0) {
                conditions.add(Condition.oldestUndelivered(partner, details("oudste onbezorgde bericht wacht "
                        + age.toMinutes() + " minuten (drempel " + properties.maxUndeliveredAge().toMinutes() + ")")));
            }
        });
        return conditions;
    }

    private static String counts(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String details(String text) {
        return text.length() <= MAX_DETAILS ? text : text.substring(0, MAX_DETAILS - 3) + "...";
    }
}
