package nl.hvht.ketenpoort.consent;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.DataCategory;
import org.springframework.stereotype.Component;

/**
 * The one place a consent decision is taken for a message: decided by the {@link ConsentService}, stored in
 * the consent log and the audit log with its ground. Used at intake and again right before every delivery
 * attempt. A check that failed technically is logged as such and then thrown, never treated as "allowed":
 * intake answers 500 (the sender retries the same berichtId), delivery rolls back and retries later.
 */
@Component
public class ConsentGate {

    private final ConsentService consent;
    private final ConsentLog consentLog;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;

    ConsentGate(ConsentService consent, ConsentLog consentLog, AuditLog audit, Pseudonymizer pseudonymizer, Clock clock) {
        this.consent = consent;
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
     * Decides several questions (e.g. one per recipient of a message), logs every decision (audit records
     * in one commit) and returns them in order. Throws {@link ConsentCheckFailedException} after logging if
     * any could not be taken.
     */
    public List<ConsentDecision> checkAll(List<Check> checks) {
        List<ConsentDecision> decisions = new ArrayList<>(checks.size());
        List<AuditEvent> events = new ArrayList<>(checks.size());
        for (Check check : checks) {
            ConsentDecision decision = consent.decide(
                    new ConsentService.ConsentQuery(check.deelnemer(), check.ontvanger(), check.categories(), check.doel()),
                    clock.instant());
            String pseudonym = pseudonymizer.pseudonym(check.deelnemer());
            consentLog.record(check.berichtId(), check.ontvanger(), pseudonym, check.phase(), decision, check.categories(),
                    check.doel());
            events.add(new AuditEvent(check.traceId(), AuditStep.CONSENT_DECISION, check.berichtId(), check.berichtType(),
                    check.afzender(), check.ontvanger(), pseudonym, check.categories(), decision.allowed() ? "ALLOWED" : "DENIED",
                    check.phase() + " " + decision.ground()));
            decisions.add(decision);
        }
        audit.recordAll(events);
        if (decisions.stream().anyMatch(d -> d.reason() == ConsentDecision.DenialReason.CHECK_FAILED)) {
            throw new ConsentCheckFailedException();
        }
        return decisions;
    }

    /**
     * One question for one recipient.
     *
     * @param traceId     trace id of the request or delivery
     * @param phase       INTAKE or BEZORGING
     * @param berichtId   message id
     * @param berichtType message type
     * @param afzender    sending partner
     * @param ontvanger   recipient partner
     * @param deelnemer   participant id (never logged; pseudonymised here)
     * @param categories  data categories in the message
     * @param doel        purpose
     */
    public record Check(String traceId, ConsentLog.Phase phase, String berichtId, String berichtType, String afzender,
            String ontvanger, String deelnemer, Set<DataCategory> categories, String doel) {

        @Override
        public String toString() {
            return "Check[" + phase + ", berichtId=" + berichtId + ", ontvanger=" + ontvanger + "]";
        }
    }

    /** The consent check could not be carried out (database unreachable, ...). Nothing may be delivered. */
    public static final class ConsentCheckFailedException extends RuntimeException {
        ConsentCheckFailedException() {
            super("consent check failed; failing closed", null, false, false);
        }
    }
}
