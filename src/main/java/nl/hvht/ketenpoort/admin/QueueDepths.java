package nl.hvht.ketenpoort.admin;

import java.util.Map;
import nl.hvht.ketenpoort.delivery.DeadLetters;
import nl.hvht.ketenpoort.delivery.DeliveryLedger;
import org.springframework.stereotype.Component;

/**
 * Queue depths for the dashboard, from the ledger (the delivery queue itself, so the same with an embedded or an
 * external broker and on every node): per recipient the deliveries not settled yet (due now, waiting for a retry, or
 * under way), and the open dead letters (FAILED, not discarded).
 */
@Component
class QueueDepths {

    private final DeliveryLedger ledger;
    private final DeadLetters deadLetters;

    QueueDepths(DeliveryLedger ledger, DeadLetters deadLetters) {
        this.ledger = ledger;
        this.deadLetters = deadLetters;
    }

    /** Unsettled deliveries per recipient (recipients without any are absent). */
    Map<String, Integer> deliveries() {
        return ledger.backlogPerRecipient();
    }

    long deadLetters() {
        return deadLetters.openPerRecipient().values().stream().mapToLong(Integer::longValue).sum();
    }
}
