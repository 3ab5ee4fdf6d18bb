package nl.hvht.ketenpoort.consent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.DataCategory;
import org.springframework.stereotype.Component;

/**
 * The one place a consent decision is taken for a message and a recipient: legal tasks and the participant's
 * verklaringen per category ({@link ConsentService}), the redaction policy per message type
 * ({@link CopyPolicy}), then stored in the consent log and the audit log with its grounds. Used at intake and
 * again right before every delivery attempt. A check that failed technically is logged as such and then thrown,
 * never treated as "allowed": intake answers 500 (the sender retries the same berichtId), delivery rolls back and
 * retries later.
 */
@Component
public class ConsentGate {

    private final ConsentService consent;
    private final VerklaringStore store;
    private final CopyPolicy policy;
    private final ConsentLog consentLog;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;

    ConsentGate(ConsentService consent, VerklaringStore store, CopyPolicy policy, ConsentLog consentLog, AuditLog audit,
            Pseudonymizer pseudonymizer, Clock clock) {
        this.consent = consent;
        this.store = store;
        this.policy = policy;
        this.consentLog = consentLog;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.clock = clock;
    }

    /** Decides, logs and returns the decision; throws {@link ConsentCheckFailedException} if it could not be taken. */
    public ConsentDecision check(Check check) {
        return checkAll(List.of(check)).get(0);
    }

    /**
     * Decides for the recipients of one message (all about one participant), logs every decision (audit records in
     * one commit) and returns them in order. Throws {@link ConsentCheckFailedException} after logging if the
     * participant's verklaringen could not be read.
     */
    public List<ConsentDecision> checkAll(List<Check> checks) {
        Logged logged = decideAndLog(checks);
        audit.recordAll(logged.events());
        if (logged.failed()) {
            throw new ConsentCheckFailedException();
        }
        return logged.decisions();
    }

    /**
     * The check right before a delivery attempt, in the caller's transaction: takes the participant's consent lock
     * (a revocation or change waits for this transaction; this one waits for one that is committing), decides and
     * stores the decision in the consent log. The audit records are returned, to be written with {@link #audited}
     * once the transaction has committed: the lock is held for as short as possible.
     */
    @org.springframework.transaction.annotation.Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Checked checkForDelivery(Check check) {
        store.lockParticipantShared(check.deelnemer());
        Logged logged = decideAndLog(List.of(check));
        return new Checked(logged.decisions().get(0), logged.events(), logged.failed());
    }

    /**
     * Writes the audit records of a delivery check (with the caller's own, e.g. WITHHELD) and returns its decision;
     * throws {@link ConsentCheckFailedException} if the check could not be taken.
     */
    public ConsentDecision audited(Checked checked, List<AuditEvent> more) {
        List<AuditEvent> events = new ArrayList<>(checked.events());
        events.addAll(more);
        audit.recordAll(events);
        if (checked.failed()) {
            throw new ConsentCheckFailedException();
        }
        return checked.decision();
    }

    /**
     * A delivery check taken and stored in the consent log, its audit records still to be written.
     *
     * @param decision the decision (CHECK_FAILED if it could not be taken)
     * @param events   its audit records
     * @param failed   true if the check could not be taken
     */
    public record Checked(ConsentDecision decision, List<AuditEvent> events, boolean failed) {
    }

    private record Logged(List<ConsentDecision> decisions, List<AuditEvent> events, boolean failed) {
    }

    private Logged decideAndLog(List<Check> checks) {
        if (checks.isEmpty()) {
            return new Logged(List.of(), List.of(), false);
        }
        String deelnemer = checks.get(0).deelnemer();
        if (checks.stream().anyMatch(c -> !Objects.equals(deelnemer, c.deelnemer()))) {
            throw new IllegalArgumentException("one participant per call");
        }
        var now = clock.instant();
        List<ConsentDecision> decisions;
        boolean failed = false;
        try {
            List<ConsentVerdict> verdicts = consent.verdicts(deelnemer, checks.stream()
                    .map(c -> new ConsentRequest(c.recipient(), policy.needsConsent(c), c.doel()))
                    .toList(), now);
            decisions = new ArrayList<>(checks.size());
            for (int i = 0; i < checks.size(); i++) {
                decisions.add(policy.decide(checks.get(i), verdicts.get(i)));
            }
        } catch (ConsentCheckFailedException e) {
            failed = true;
            decisions = checks.stream().map(c -> ConsentDecision.denied(ConsentDecision.DenialReason.CHECK_FAILED)).toList();
        }
        String pseudonym = pseudonymizer.pseudonym(deelnemer);
        List<AuditEvent> events = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            ConsentDecision decision = decisions.get(i);
            consentLog.record(check.berichtId(), check.recipient().id(), pseudonym, check.phase(), decision,
                    check.categories(), check.doel());
            events.add(new AuditEvent(check.traceId(), AuditStep.CONSENT_DECISION, check.berichtId(), check.berichtType(),
                    check.afzender(), check.recipient().id(), pseudonym, check.categories(),
                    decision.allowed() ? "ALLOWED" : "DENIED", reason(check, decision)));
        }
        return new Logged(decisions, events, failed);
    }

    private static String reason(Check check, ConsentDecision decision) {
        String withheld = decision.withheld().isEmpty() ? "" : " ingehouden:" + decision.withheldCodes();
        return check.phase() + " " + decision.ground() + withheld;
    }

    /**
     * One question for one recipient of a message.
     *
     * @param traceId     trace id of the request or delivery
     * @param phase       INTAKE or BEZORGING
     * @param berichtId   message id
     * @param berichtType message type
     * @param afzender    sending partner
     * @param recipient   recipient with its kind and its roles for this message
     * @param deelnemer   participant id (never logged; pseudonymised here)
     * @param categories  data categories in the message
     * @param doel        purpose
     * @param doorbraak   the break-glass release this delivery goes out on, or null (then consent decides)
     */
    public record Check(String traceId, ConsentLog.Phase phase, String berichtId, String berichtType, String afzender,
            Recipient recipient, String deelnemer, Set<DataCategory> categories, String doel, Grond doorbraak) {

        public Check {
            categories = Set.copyOf(categories);
            if (doorbraak != null && doorbraak.soort() != Grond.Soort.DOORBRAAK) {
                throw new IllegalArgumentException("only a break-glass ground overrides consent");
            }
        }

        @Override
        public String toString() {
            return "Check[" + phase + ", berichtId=" + berichtId + ", ontvanger=" + recipient.id() + "]";
        }
    }
}
