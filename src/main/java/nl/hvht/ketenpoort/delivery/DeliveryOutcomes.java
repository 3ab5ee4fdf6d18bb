package nl.hvht.ketenpoort.delivery;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The second half of a delivery batch: the outcomes of its POSTs recorded in ONE transaction and one commit, with
 * their audit records and receipts. A 2xx (with a valid receipt where the partner must send one) is DELIVERED; a
 * permanent refusal (4xx other than 408, 425, 429) or the last attempt of the round is FAILED (a dead letter); any other
 * failure is due again after the exponential backoff. Listeners (alerts) hear of each outcome after the commit.
 */
@Component
class DeliveryOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryOutcomes.class);
    /** Partner refusals worth retrying: timeout, too early, too many requests. Other 4xx are final. */
    private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 425, 429);
    /** Reason on the DEAD_LETTERED audit record: the delivery is now an open dead letter (FAILED in the ledger). */
    static final String DEAD_LETTER = "dode-brief";

    private final DeliveryLedger ledger;
    private final OntvangstbewijsCheck receipts;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final TransactionTemplate transaction;
    private final DeliveryProperties properties;
    private final DeliveryMetrics metrics;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeliveryOutcomes(DeliveryLedger ledger, OntvangstbewijsCheck receipts, AuditLog audit, Pseudonymizer pseudonymizer,
            TransactionTemplate transaction, DeliveryProperties properties, DeliveryMetrics metrics,
            ApplicationEventPublisher events, Clock clock) {
        this.ledger = ledger;
        this.receipts = receipts;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.transaction = transaction;
        this.properties = properties;
        this.metrics = metrics;
        this.events = events;
        this.clock = clock;
    }

    /** One POST of a batch: the attempt, and its failure (null: the partner accepted it). */
    /**
     * One POST and its answer.
     *
     * @param spanId the attempt's span (16 hex), the parent of its audit record; null if tracing gave none
     * @param start  when the attempt began
     */
    record Posted(DeliveryClaims.Attempt attempt, Throwable failure, OntvangstbewijsCheck.Answer answer, String spanId,
            Instant start) {

        /** The audit record of the attempt, in its span. */
        AuditEvent attemptEvent(String outcome, String reason, Pseudonymizer pseudonymizer) {
            return attempt.job().event(AuditStep.DELIVERY_ATTEMPT, outcome, reason, pseudonymizer)
                    .in(new nl.hvht.ketenpoort.audit.AuditSpan(spanId, null, start));
        }
    }

    /** Records the outcomes in one commit; returns when the earliest retry among them is due (empty: none). */
    Optional<Instant> record(List<Posted> batch) {
        Settled settled = transaction.execute(status -> {
            Settled inTransaction = settle(batch);
            audit.appendInTransaction(inTransaction.records());
            return inTransaction;
        });
        return settled.afterCommit();
    }

    /**
     * The outcomes of a batch settled in the caller's transaction ({@link DeliveryClaims#claimAfter} commits them with
     * the next claim). Their audit records are returned, not appended: the caller appends them, chain head last, and
     * after its commit calls {@link Settled#afterCommit()}.
     */
    Settled settle(List<Posted> batch) {
        Instant now = clock.instant();
        List<DeliveryLedger.Outcome> outcomes = new ArrayList<>(batch.size());
        List<AuditEvent> records = new ArrayList<>(batch.size() * 2);
        Map<Integer, AuditEvent> deadLetters = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            outcomes.add(outcome(batch.get(i), now, records));
            if (outcomes.get(i).kind() == DeliveryLedger.Outcome.Kind.FAILED) {
                deadLetters.put(i, records.get(records.size() - 1));
            }
        }
        boolean[] applied = ledger.settle(outcomes, now);
        // The attempt happened either way; a dead letter only if it still was this claim's to end.
        deadLetters.forEach((i, event) -> {
            if (!applied[i]) {
                records.remove(event);
            }
        });
        return new Settled(batch, outcomes, applied, List.copyOf(records), now);
    }

    /**
     * Outcomes settled in a transaction: the audit records to append in it, and what follows its commit ({@code applied}:
     * per outcome, whether it still was its attempt's claim to end).
     */
    final class Settled {

        private final List<Posted> batch;
        private final List<DeliveryLedger.Outcome> outcomes;
        private final boolean[] applied;
        private final List<AuditEvent> records;
        private final Instant now;

        private Settled(List<Posted> batch, List<DeliveryLedger.Outcome> outcomes, boolean[] applied, List<AuditEvent> records,
                Instant now) {
            this.batch = batch;
            this.outcomes = outcomes;
            this.applied = applied;
            this.records = records;
            this.now = now;
        }

        List<AuditEvent> records() {
            return records;
        }

        /** After the commit: listeners, metrics and logs; returns when the earliest retry is due (empty: none). */
        Optional<Instant> afterCommit() {
            Instant earliest = null;
            for (int i = 0; i < batch.size(); i++) {
                Posted posted = batch.get(i);
                DeliveryLedger.Outcome outcome = outcomes.get(i);
                DeliveryJob job = posted.attempt().job();
                String word = posted.failure() == null ? "OK" : word(posted.failure());
                publish(new DeliveryEvent.AttemptEnded(job.ontvanger(), posted.failure() == null, word));
                if (!applied[i]) {
                    LOG.info("delivery {} attempt {} ended {} after its lease: settled already or claimed again, left as it is",
                            job.key(), posted.attempt().claimed().pogingen(), word);
                    continue;
                }
                switch (outcome.kind()) {
                    case DELIVERED -> {
                        metrics.delivered(job, posted.attempt().claimed().ontvangen(), now);
                        LOG.debug("delivered {} ({}) in attempt {}", job.key(), job.berichtType(),
                                posted.attempt().claimed().pogingen());
                    }
                    case FAILED -> {
                        metrics.settled(job, DeliveryStatus.FAILED);
                        LOG.warn("delivery {} failed for good after attempt {}: {}", job.key(),
                                posted.attempt().claimed().pogingen(), word);
                        publish(new DeliveryEvent.DeadLettered(job.berichtId(), job.ontvanger(), word));
                    }
                    default -> {
                        LOG.info("delivery {} attempt {} failed: {}; again at {}", job.key(), posted.attempt().claimed().pogingen(),
                                word, outcome.due());
                        earliest = earliest == null || outcome.due().isBefore(earliest) ? outcome.due() : earliest;
                    }
                }
            }
            return Optional.ofNullable(earliest);
        }
    }

    private DeliveryLedger.Outcome outcome(Posted posted, Instant now, List<AuditEvent> records) {
        DeliveryLedger.Claimed claimed = posted.attempt().claimed();
        DeliveryJob job = posted.attempt().job();
        String attempt = "poging " + claimed.pogingen() + (claimed.repeat() ? " herhaling" : "");
        if (posted.failure() == null) {
            records.add(posted.attemptEvent("OK", attempt, pseudonymizer));
            records.addAll(receipts.recorded(job, posted.answer()));
            records.add(job.event(AuditStep.DELIVERED, "OK", null, pseudonymizer));
            return new DeliveryLedger.Outcome(job.berichtId(), job.ontvanger(), DeliveryLedger.Outcome.Kind.DELIVERED, null, null);
        }
        String word = word(posted.failure());
        records.add(posted.attemptEvent(word, attempt, pseudonymizer));
        if (isPermanent(posted.failure()) || claimed.attemptOfRound() >= properties.maxAttempts()) {
            records.add(job.event(AuditStep.DEAD_LETTERED, word, DEAD_LETTER, pseudonymizer));
            return new DeliveryLedger.Outcome(job.berichtId(), job.ontvanger(), DeliveryLedger.Outcome.Kind.FAILED, word, null,
                    lease(claimed));
        }
        return new DeliveryLedger.Outcome(job.berichtId(), job.ontvanger(), DeliveryLedger.Outcome.Kind.RETRY, word,
                now.plus(properties.backoff(claimed.attemptOfRound())), lease(claimed));
    }

    /** The claim this attempt was made under: its failure may only end or retry the delivery while that claim holds. */
    private DeliveryLedger.Outcome.Lease lease(DeliveryLedger.Claimed claimed) {
        return new DeliveryLedger.Outcome.Lease(properties.nodeId(), claimed.pogingen());
    }

    /** Tells listeners (alerts); their failures never touch the delivery. */
    private void publish(DeliveryEvent event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("listener of {} for {} failed: {}", event.getClass().getSimpleName(), event.ontvanger(), e.getClass().getName());
        }
    }

    /** A permanent refusal (a dead letter at once); any other failure is retried. Package-private for DeliverRouteTest. */
    static boolean isPermanent(Throwable failure) {
        return failure instanceof HttpOperationFailedException http
                && http.getStatusCode() >= 400 && http.getStatusCode() < 500
                && !RETRYABLE_CLIENT_ERRORS.contains(http.getStatusCode());
    }

    /** A content-free outcome word for logs, audit and the status API. */
    static String word(Throwable failure) {
        if (failure instanceof HttpOperationFailedException http) {
            return "HTTP_" + http.getStatusCode();
        }
        if (failure instanceof OntvangstbewijsRequiredException receipt) {
            return receipt.outcome();
        }
        if (failure instanceof SocketTimeoutException) {
            return "TIMEOUT";
        }
        if (failure instanceof IOException) {
            return "IO_ERROR";
        }
        return failure == null ? "UNKNOWN" : "ERROR_" + failure.getClass().getSimpleName();
    }
}
