package nl.hvht.ketenpoort.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.Envelope;
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

    static final String JOB = "kpJob";

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
        Envelope envelope = dispatch.envelope();
        List<DeliveryJob> jobs = new ArrayList<>();
        for (Map.Entry<String, byte[]> signed : dispatch.signed().entrySet()) {
            jobs.add(new DeliveryJob(envelope.berichtId(), envelope.berichtType(), envelope.afzender(), signed.getKey(),
                    envelope.deelnemer(), envelope.doel(), dispatch.message().categories(), dispatch.traceId(),
                    signed.getValue()));
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

    public void queued(Exchange exchange) {
        DeliveryJob job = exchange.getProperty(JOB, DeliveryJob.class);
        ledger.markQueued(job.berichtId(), job.ontvanger());
        audit.record(new AuditEvent(job.traceId(), AuditStep.QUEUED, job.berichtId(), job.berichtType(), job.afzender(),
                job.ontvanger(), pseudonymizer.pseudonym(job.deelnemer()), job.categories(), "OK",
                Queues.deliveryQueue(job.ontvanger())));
    }
}
