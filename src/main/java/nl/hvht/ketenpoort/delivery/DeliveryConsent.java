package nl.hvht.ketenpoort.delivery;

import java.util.List;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.MessageParser;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.consent.ConsentGate;
import nl.hvht.ketenpoort.consent.ConsentLog;
import nl.hvht.ketenpoort.consent.Grond;
import nl.hvht.ketenpoort.consent.Recipient;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import nl.hvht.ketenpoort.signing.CopySigner;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consent is checked again right before every attempt, in one transaction that holds the participant's consent
 * lock: a verklaring revoked, changed or expired since intake withholds the message (status WITHHELD with the
 * reason) or, when the decision now differs (another version, other categories withheld) or the copy is not in the
 * form the registry now asks for (its {@code versleuteling} changed), the copy is cut and signed again from the
 * stored message. An allowed attempt is noted as under way before the lock is released,
 * so a revocation waits for it ({@code consent.RevocationFence}). A failed check is no answer: the attempt rolls
 * back and is retried later, and nothing is sent (fail closed).
 */
@Component("deliveryConsent")
class DeliveryConsent {

    /** The ledger state of the delivery being attempted (set by {@link DeliveryAttempts#begin}). */
    static final String STATE = "kpState";

    private final ConsentGate gate;
    private final DeliveryLedger ledger;
    private final CopySigner copies;
    private final MessageParser parser;
    private final PartnerRegistry partners;
    private final TransactionTemplate transaction;
    private final Pseudonymizer pseudonymizer;

    DeliveryConsent(ConsentGate gate, DeliveryLedger ledger, CopySigner copies, MessageParser parser,
            PartnerRegistry partners, TransactionTemplate transaction, Pseudonymizer pseudonymizer) {
        this.gate = gate;
        this.ledger = ledger;
        this.copies = copies;
        this.parser = parser;
        this.partners = partners;
        this.transaction = transaction;
        this.pseudonymizer = pseudonymizer;
    }

    public boolean allowed(Exchange exchange) {
        DeliveryJob job = DeliveryAttempts.job(exchange);
        Outcome outcome = transaction.execute(status -> check(exchange, job));
        // Audit records are written after the commit, outside the participant's consent lock, and before anything
        // is sent. A check that could not be taken throws here: the attempt rolls back and is retried.
        List<AuditEvent> more = outcome.checked().decision().allowed() || outcome.checked().failed() ? List.of()
                : List.of(job.event(AuditStep.WITHHELD, "DENIED", outcome.checked().decision().reason().name(), pseudonymizer));
        ConsentDecision decision = gate.audited(outcome.checked(), more);
        if (outcome.copy() != null) {
            exchange.setProperty(EnqueueStep.JOB, job.withSigned(outcome.copy()));
        }
        return decision.allowed();
    }

    /** The decision taken under the lock, and the new copy if it had to be cut again. */
    private record Outcome(ConsentGate.Checked checked, byte[] copy) {
    }

    private Outcome check(Exchange exchange, DeliveryJob job) {
        DeliveryLedger.State state = exchange.getProperty(STATE, DeliveryLedger.State.class);
        Grond doorbraak = state.grondslag() != null && state.grondslag().startsWith("doorbraak:")
                ? Grond.parse(state.grondslag()) : null;
        Recipient recipient = new Recipient(job.ontvanger(), partners.byId(job.ontvanger()).orElseThrow(
                () -> new IllegalStateException("recipient no longer in the partner registry: " + job.ontvanger())).soort(),
                state.rollen());
        ConsentGate.Checked checked = gate.checkForDelivery(new ConsentGate.Check(job.traceId(), ConsentLog.Phase.BEZORGING,
                job.berichtId(), job.berichtType(), job.afzender(), recipient, job.deelnemer(), job.categories(), job.doel(),
                doorbraak));
        ConsentDecision decision = checked.decision();
        if (checked.failed()) {
            return new Outcome(checked, null);
        }
        if (!decision.allowed()) {
            ledger.markWithheld(job.berichtId(), job.ontvanger(), decision.reason().name());
            return new Outcome(checked, null);
        }
        byte[] copy = null;
        if (!decision.ground().equals(state.grondslag()) || !decision.withheldCodes().equals(state.ingehouden())
                || !copies.isCurrentForm(job.ontvanger(), job.signed())) {
            byte[] body = ledger.body(job.berichtId())
                    .orElseThrow(() -> new IllegalStateException("stored message body missing for " + job.key()));
            copy = copies.copyFor(parser.parse(body), job.ontvanger(), decision);
            ledger.replaceCopy(job.berichtId(), job.ontvanger(), copy, decision);
        } else {
            // A copy cut again in an earlier attempt that then failed is in the ledger, while the broker redelivers
            // the message as first queued: the ledger's copy is the one this decision allows.
            byte[] stored = ledger.storedCopy(job.berichtId(), job.ontvanger()).orElse(null);
            if (stored != null && !java.util.Arrays.equals(stored, job.signed())) {
                copy = stored;
            }
        }
        ledger.attemptStarted(job.berichtId(), job.ontvanger());
        return new Outcome(checked, copy);
    }
}
