package nl.hvht.ketenpoort.delivery;

import java.util.ArrayList;
import java.util.List;
import nl.hvht.ketenpoort.bericht.MessageParser;
import nl.hvht.ketenpoort.bericht.ParsedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The outbox sweeper: a recipient still ACCEPTED a while after intake was stored but never queued (crash
 * or broker hiccup between the ledger commit and the send). It is queued again with the stored signed copy;
 * Artemis duplicate detection and the idempotent repository make a second copy harmless.
 */
@Component("outboxSweeper")
class OutboxSweeper {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSweeper.class);
    private static final int BATCH = 200;

    private final DeliveryLedger ledger;
    private final MessageParser parser;
    private final DeliveryProperties properties;

    OutboxSweeper(DeliveryLedger ledger, MessageParser parser, DeliveryProperties properties) {
        this.ledger = ledger;
        this.parser = parser;
        this.properties = properties;
    }

    public List<DeliveryJob> stale() {
        List<DeliveryJob> jobs = new ArrayList<>();
        for (DeliveryLedger.Pending pending : ledger.staleAccepted(properties.outboxSweepAfter(), BATCH)) {
            ledger.stored(pending).ifPresent(stored -> {
                ParsedMessage message = parser.parse(stored.body());
                jobs.add(DeliveryJob.of(message, pending.ontvanger(), stored.traceId(), stored.signed())
                        .withDuplicateSuffix(stored.duplicateSuffix()));
            });
        }
        if (!jobs.isEmpty()) {
            LOG.warn("outbox sweeper queues {} delivery(ies) left ACCEPTED", jobs.size());
        }
        return jobs;
    }
}
