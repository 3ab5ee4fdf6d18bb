package nl.hvht.ketenpoort.delivery;

import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.ConsentGate;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Consent is checked again right before every attempt: a verklaring revoked or expired since intake
 * withholds the message (status WITHHELD with the reason). A failed check is no answer: the attempt rolls
 * back and is retried later, and nothing is sent (fail closed).
 */
@Component("deliveryConsent")
class DeliveryConsent {

    private final ConsentGate gate;
    private final DeliveryLedger ledger;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;

    DeliveryConsent(ConsentGate gate, DeliveryLedger ledger, AuditLog audit, Pseudonymizer pseudonymizer) {
        this.gate = gate;
        this.ledger = ledger;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
    }

    public boolean allowed(Exchange exchange) {
        DeliveryJob job = DeliveryAttempts.job(exchange);
        ConsentDecision decision = gate.check(new ConsentGate.Check(job.traceId(), nl.hvht.ketenpoort.consent.ConsentLog.Phase.BEZORGING, job.berichtId(),
                job.berichtType(), job.afzender(), job.ontvanger(), job.deelnemer(), job.categories(), job.doel()));
        if (decision.allowed()) {
            return true;
        }
        ledger.markWithheld(job.berichtId(), job.ontvanger(), decision.reason().name());
        audit.record(job.event(AuditStep.WITHHELD, "DENIED", decision.reason().name(), pseudonymizer));
        return false;
    }
}
