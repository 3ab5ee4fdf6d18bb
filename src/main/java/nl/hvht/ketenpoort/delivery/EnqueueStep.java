package nl.hvht.ketenpoort.delivery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

/**
 * Pipeline step {@code direct:enqueue}: one persistent JMS message per allowed recipient on that
 * recipient's queue, then status QUEUED. Also used by the sweeper for what a crash left ACCEPTED.
 */
@Component("enqueueStep")
class EnqueueStep {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EnqueueStep.class);
    static final String JOB = "kpJob";
    /** Collects the QUEUED audit records of one message's recipients, so they are written in one commit. */
    static final String QUEUED_EVENTS = "kpQueuedEvents";

    private final DeliveryLedger ledger;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;

    EnqueueStep(DeliveryLedger ledger, AuditLog audit, Pseudonymizer pseudonymizer) {
        this.ledger = ledger;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
    }

    /** The deliveries to queue: every recipient consent allowed, with its signed copy. */
    public List<DeliveryJob> jobs(Dispatch dispatch) {
        List<DeliveryJob> jobs = new ArrayList<>();
        for (Map.Entry<String, byte[]> signed : dispatch.signed().entrySet()) {
            jobs.add(DeliveryJob.of(dispatch.message(), signed.getKey(), dispatch.traceId(), signed.getValue()));
        }
        return jobs;
    }

    /** Turns the job in the body into the JMS message: signed bytes as body, fields as properties. */
    public void toMessage(Exchange exchange) {
        Message message = exchange.getMessage();
        DeliveryJob job = message.getBody(DeliveryJob.class);
        exchange.setProperty(JOB, job);
        message.setHeaders(job.headers());
        message.setBody(job.signed());
    }

    /** Starts collecting QUEUED audit records for the recipients about to be queued. */
    public void collectQueued(Exchange exchange) {
        exchange.setProperty(QUEUED_EVENTS, Collections.synchronizedList(new ArrayList<AuditEvent>()));
    }

    /** The job is on its queue: status QUEUED, and its audit record (collected, or written at once). */
    public void queued(Exchange exchange) {
        DeliveryJob job = exchange.getProperty(JOB, DeliveryJob.class);
        ledger.markQueued(job.berichtId(), job.ontvanger());
        AuditEvent event = job.event(AuditStep.QUEUED, "OK", Queues.deliveryQueue(job.ontvanger()), pseudonymizer);
        @SuppressWarnings("unchecked")
        List<AuditEvent> collected = exchange.getProperty(QUEUED_EVENTS, List.class);
        if (collected != null) {
            collected.add(event);
        } else {
            audit.record(event);
        }
    }

    /** Writes the collected QUEUED audit records in one commit. */
    public void auditQueued(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<AuditEvent> collected = exchange.getProperty(QUEUED_EVENTS, List.class);
        exchange.removeProperty(QUEUED_EVENTS);
        if (collected != null && !collected.isEmpty()) {
            try {
                audit.recordAll(List.copyOf(collected));
            } catch (RuntimeException e) {
                // The message is stored and queued: answering "not processed" would be false. The ledger
                // still says QUEUED and the delivery steps are audited when they happen.
                LOG.error("QUEUED audit records of {} not stored: {}", collected.get(0).berichtId(), e.getClass().getName());
            }
        }
    }
}
