package nl.hvht.ketenpoort.delivery;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The life of one delivery attempt: what was taken from the queue, whether it was done before (persistent
 * idempotent repository and ledger), whether a failure is final (attempts used up, or a permanent refusal
 * by the partner), and what is recorded for success, failure and dead-lettering. The error policy and the
 * delivery routes call it by the bean name {@code deliveryAttempts}.
 */
@Component("deliveryAttempts")
class DeliveryAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAttempts.class);
    private static final String ATTEMPT = "kpAttempt";
    private static final String SKIP = "kpSkip";
    /** Set once the partner accepted the message: later failures roll back but are no failed attempt. */
    private static final String POSTED = "kpPosted";
    /** Partner refusals worth retrying: timeout, too early, too many requests. Other 4xx are final. */
    private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 425, 429);

    private final DeliveryLedger ledger;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final int maxAttempts;
    private final ApplicationEventPublisher events;

    DeliveryAttempts(DeliveryLedger ledger, AuditLog audit, Pseudonymizer pseudonymizer, DeliveryProperties properties,
            ApplicationEventPublisher events) {
        this.ledger = ledger;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.maxAttempts = properties.maxAttempts();
        this.events = events;
    }

    /**
     * Reads the job from the JMS message and the participant from the ledger, drops every header, and notes
     * whether the delivery was settled before (idempotent repository, ledger status) or is unknown.
     */
    public void begin(Exchange exchange) {
        Message message = exchange.getMessage();
        DeliveryJob queued = DeliveryJob.fromHeaders(message.getHeaders(), message.getBody(byte[].class));
        Integer attempt = message.getHeader("JMSXDeliveryCount", 1, Integer.class);
        message.removeHeaders("*");
        Optional<DeliveryLedger.State> state = ledger.stateOf(queued.berichtId(), queued.ontvanger());
        DeliveryJob job = state.map(s -> queued.withDeelnemer(s.deelnemerId())).orElse(queued);
        exchange.setProperty(EnqueueStep.JOB, job);
        state.ifPresent(s -> exchange.setProperty(DeliveryConsent.STATE, s));
        exchange.setProperty(ATTEMPT, attempt);
        boolean done = state.map(DeliveryLedger.State::isSettled).orElse(true) || ledger.wasDelivered(job);
        exchange.setProperty(SKIP, done);
        if (state.isEmpty()) {
            LOG.warn("delivery {} has no ledger row; queued message {} dropped", job.key(), attempt);
        } else if (done) {
            LOG.info("delivery {} already settled; redelivery {} ignored", job.key(), attempt);
        }
    }

    public boolean isSkipped(Exchange exchange) {
        return exchange.getProperty(SKIP, false, Boolean.class);
    }

    /** A delivery attempt that failed before the partner accepted the message. */
    public boolean isDeliveryAttempt(Exchange exchange) {
        return exchange.getProperty(ATTEMPT) != null && !exchange.getProperty(POSTED, false, Boolean.class);
    }

    /** The partner answered 2xx: from here on nothing may count as a failed delivery. */
    public void posted(Exchange exchange) {
        exchange.setProperty(POSTED, true);
    }

    /** A failed attempt is final when the attempts are used up or the partner refused for good. */
    public boolean isFinal(Exchange exchange) {
        if (!isDeliveryAttempt(exchange)) {
            return false;
        }
        int attempt = exchange.getProperty(ATTEMPT, 1, Integer.class);
        return attempt >= maxAttempts || isPermanent(failure(exchange));
    }

    /** A failure that the broker will retry: counted and audit-logged, then the transaction rolls back. */
    public void recordFailure(Exchange exchange) {
        DeliveryJob job = job(exchange);
        String outcome = outcome(failure(exchange));
        ledger.countAttempt(job.berichtId(), job.ontvanger());
        audit.record(event(job, AuditStep.DELIVERY_ATTEMPT, outcome, "poging " + exchange.getProperty(ATTEMPT)));
        LOG.warn("delivery {} attempt {} of {} failed: {}", job.key(), exchange.getProperty(ATTEMPT), maxAttempts, outcome);
        publish(new DeliveryEvent.AttemptEnded(job.ontvanger(), false, outcome));
    }

    public void delivered(Exchange exchange) {
        DeliveryJob job = job(exchange);
        ledger.markDelivered(job);
        audit.recordAll(List.of(event(job, AuditStep.DELIVERY_ATTEMPT, "OK", "poging " + exchange.getProperty(ATTEMPT)),
                event(job, AuditStep.DELIVERED, "OK", null)));
        LOG.info("delivered {} ({}) in attempt {}", job.key(), job.berichtType(), exchange.getProperty(ATTEMPT));
        publish(new DeliveryEvent.AttemptEnded(job.ontvanger(), true, "OK"));
    }

    /** Puts the job on the dead-letter queue as it was queued, with the reason. */
    public void toDeadLetter(Exchange exchange) {
        DeliveryJob job = job(exchange);
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeaders(job.headers());
        // Its own id per manual retry: the ids of earlier dead letters of this delivery stay in the broker's duplicate cache.
        DeliveryLedger.State state = exchange.getProperty(DeliveryConsent.STATE, DeliveryLedger.State.class);
        int herkansingen = state == null ? 0 : state.herkansingen();
        message.setHeader(DeliveryJob.DUPLICATE_ID, job.key() + ":dlq" + (herkansingen > 0 ? ":herkansing:" + herkansingen : ""));
        message.setHeader("kpReden", outcome(failure(exchange)));
        message.setBody(job.signed());
    }

    public void deadLettered(Exchange exchange) {
        DeliveryJob job = job(exchange);
        String outcome = outcome(failure(exchange));
        ledger.markFailed(job.berichtId(), job.ontvanger(), outcome);
        audit.recordAll(List.of(event(job, AuditStep.DELIVERY_ATTEMPT, outcome, "poging " + exchange.getProperty(ATTEMPT)),
                event(job, AuditStep.DEAD_LETTERED, outcome, Queues.DEAD_LETTER)));
        LOG.warn("delivery {} dead-lettered after attempt {}: {}", job.key(), exchange.getProperty(ATTEMPT), outcome);
        publish(new DeliveryEvent.AttemptEnded(job.ontvanger(), false, outcome));
        publish(new DeliveryEvent.DeadLettered(job.berichtId(), job.ontvanger(), outcome));
    }

    /** Tells listeners (alerts); their failures never touch the delivery. */
    private void publish(DeliveryEvent event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            LOG.warn("listener of {} for {} failed: {}", event.getClass().getSimpleName(), event.ontvanger(), e.getClass().getName());
        }
    }

    static DeliveryJob job(Exchange exchange) {
        return exchange.getProperty(EnqueueStep.JOB, DeliveryJob.class);
    }

    private AuditEvent event(DeliveryJob job, AuditStep step, String outcome, String reason) {
        return job.event(step, outcome, reason, pseudonymizer);
    }

    private static Throwable failure(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught != null ? caught : exchange.getException();
    }

    private static boolean isPermanent(Throwable failure) {
        return failure instanceof HttpOperationFailedException http
                && http.getStatusCode() >= 400 && http.getStatusCode() < 500
                && !RETRYABLE_CLIENT_ERRORS.contains(http.getStatusCode());
    }

    /** A content-free outcome word for logs, audit and the status API. */
    static String outcome(Throwable failure) {
        if (failure instanceof HttpOperationFailedException http) {
            return "HTTP_" + http.getStatusCode();
        }
        if (failure instanceof ReceiptRequiredException receipt) {
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
