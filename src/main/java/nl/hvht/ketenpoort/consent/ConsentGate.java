package nl.hvht.ketenpoort.consent;

import io.micrometer.tracing.Span;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.trace.SpanNames;
import nl.hvht.ketenpoort.trace.StoredTrace;
import nl.hvht.ketenpoort.trace.Traces;
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
    private final Traces traces;

    ConsentGate(ConsentService consent, VerklaringStore store, CopyPolicy policy, ConsentLog consentLog, AuditLog audit,
            Pseudonymizer pseudonymizer, Clock clock, Traces traces) {
        this.traces = traces;
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
     * Decides for the recipients of one message (all about one participant), logs every decision (consent log, then
     * audit records in one commit) and returns them in order. Throws {@link ConsentCheckFailedException} after
     * logging if the participant's verklaringen could not be read.
     */
    public List<ConsentDecision> checkAll(List<Check> checks) {
        Decided decided = decide(checks);
        consentLog.recordAll(decided.entries());
        audit.recordAll(decided.events());
        if (decided.failed()) {
            throw new ConsentCheckFailedException();
        }
        return decided.decisions();
    }

    /**
     * Decides for the recipients of one message (all about one participant) and returns the decisions with their
     * consent-log entries and audit records, writing nothing: the caller stores them with its own writes, in one
     * commit (the intake committer). A check that could not be taken gives CHECK_FAILED decisions and
     * {@code failed}; the caller must then refuse (fail closed).
     */
    public Decided decide(List<Check> checks) {
        return decideAndLog(checks);
    }

    /**
     * The checks right before a batch of delivery attempts, in the caller's transaction: takes the consent lock of
     * every participant concerned, shared (a revocation or change waits for this transaction, this one waits for one
     * that is committing), then decides per participant. Nothing is written: the caller stores the entries and audit
     * records in the same transaction, before it commits and before anything is sent.
     */
    public List<Decided> decideForDelivery(java.util.Map<String, List<Check>> checksPerParticipant) {
        nl.hvht.ketenpoort.database.Transactions.requireActive("the consent check before delivery");
        store.lockParticipantsShared(checksPerParticipant.keySet());
        return decideUnderLocks(checksPerParticipant);
    }

    /**
     * As {@link #decideForDelivery}, but without waiting for a lock: empty if the consent lock of a participant is held
     * or awaited by a revocation or change. The caller must then roll back (releasing the locks it did get) before it
     * waits for anything that such a revocation may be waiting for, such as the outcome of an attempt.
     */
    public Optional<List<Decided>> decideForDeliveryWithoutWaiting(
            java.util.Map<String, List<Check>> checksPerParticipant) {
        nl.hvht.ketenpoort.database.Transactions.requireActive("the consent check before delivery");
        if (!store.tryLockParticipantsShared(checksPerParticipant.keySet())) {
            return Optional.empty();
        }
        return Optional.of(decideUnderLocks(checksPerParticipant));
    }

    private List<Decided> decideUnderLocks(java.util.Map<String, List<Check>> checksPerParticipant) {
        checksPerParticipant.forEach(ConsentGate::requireOneParticipant);
        java.util.Map<String, List<ConsentRequest>> requests = new java.util.LinkedHashMap<>();
        checksPerParticipant.forEach((deelnemer, checks) -> requests.put(deelnemer, requestsOf(checks)));
        java.util.Map<String, List<ConsentVerdict>> verdicts;
        try {
            // one read of the verklaringen of every participant in the batch
            verdicts = consent.verdicts(requests, clock.instant());
        } catch (ConsentCheckFailedException e) {
            verdicts = null;
        }
        List<Decided> decided = new ArrayList<>(checksPerParticipant.size());
        for (var entry : checksPerParticipant.entrySet()) {
            decided.add(logged(entry.getKey(), entry.getValue(), verdicts == null ? null : verdicts.get(entry.getKey())));
        }
        return decided;
    }

    /**
     * Decisions for one participant with what is to be stored for them.
     *
     * @param decisions one per check, in order (CHECK_FAILED if the check could not be taken)
     * @param entries   their consent-log entries
     * @param events    their audit records
     * @param failed    true if the checks could not be taken
     */
    public record Decided(List<ConsentDecision> decisions, List<ConsentLog.Entry> entries, List<AuditEvent> events,
            boolean failed) {
    }

    private Decided decideAndLog(List<Check> checks) {
        if (checks.isEmpty()) {
            return new Decided(List.of(), List.of(), List.of(), false);
        }
        String deelnemer = checks.get(0).deelnemer();
        requireOneParticipant(deelnemer, checks);
        List<ConsentVerdict> verdicts;
        try {
            verdicts = consent.verdicts(deelnemer, requestsOf(checks), clock.instant());
        } catch (ConsentCheckFailedException e) {
            verdicts = null;
        }
        return logged(deelnemer, checks, verdicts);
    }

    private static void requireOneParticipant(String deelnemer, List<Check> checks) {
        if (checks.stream().anyMatch(c -> !Objects.equals(deelnemer, c.deelnemer()))) {
            throw new IllegalArgumentException("one participant per call");
        }
    }

    private List<ConsentRequest> requestsOf(List<Check> checks) {
        return checks.stream().map(c -> new ConsentRequest(c.recipient(), policy.needsConsent(c), c.doel())).toList();
    }

    /** The decisions from the verdicts ({@code null}: the check could not be taken) with their log entries. */
    private Decided logged(String deelnemer, List<Check> checks, List<ConsentVerdict> verdicts) {
        boolean failed = verdicts == null;
        List<ConsentDecision> decisions = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Span span = span(checks.get(i));
            try {
                ConsentDecision decision = failed ? ConsentDecision.denied(ConsentDecision.DenialReason.CHECK_FAILED)
                        : policy.decide(checks.get(i), verdicts.get(i));
                decisions.add(decision);
                span.tag(SpanNames.UITKOMST, decision.allowed() ? decision.uitkomst().name() : decision.reason().name());
            } finally {
                span.end();
            }
        }
        String pseudonym = pseudonymizer.pseudonym(deelnemer);
        List<AuditEvent> events = new ArrayList<>(checks.size());
        List<ConsentLog.Entry> entries = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            ConsentDecision decision = decisions.get(i);
            entries.add(consentLog.entry(check.berichtId(), check.recipient().id(), pseudonym, check.phase(), decision,
                    check.categories(), check.doel()));
            events.add(new AuditEvent(check.traceId(), AuditStep.CONSENT_DECISION, check.berichtId(), check.berichtType(),
                    check.afzender(), check.recipient().id(), pseudonym, check.categories(),
                    decision.uitkomst().name(), reason(check, decision)).voorDoel(check.doel()));
        }
        return new Decided(decisions, entries, events, failed);
    }

    /** The span of one decision, in the message's trace (its stored context at delivery, the intake span at intake). */
    private Span span(Check check) {
        return traces.start(SpanNames.CONSENT_DECISION, check.trace()).tag(SpanNames.BERICHT_ID, check.berichtId())
                .tag(SpanNames.ONTVANGER, check.recipient().id()).tag(SpanNames.FASE, check.phase().name());
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
     * @param trace       the message's stored trace context (at delivery), or null: the span under way on this thread
     */
    public record Check(String traceId, ConsentLog.Phase phase, String berichtId, String berichtType, String afzender,
            Ontvanger recipient, String deelnemer, Set<Categorie> categories, String doel, Grondslag doorbraak,
            StoredTrace trace) {

        /** A check in the trace of the span under way on this thread (the intake). */
        public Check(String traceId, ConsentLog.Phase phase, String berichtId, String berichtType, String afzender,
                Ontvanger recipient, String deelnemer, Set<Categorie> categories, String doel, Grondslag doorbraak) {
            this(traceId, phase, berichtId, berichtType, afzender, recipient, deelnemer, categories, doel, doorbraak, null);
        }

        public Check {
            categories = Set.copyOf(categories);
            if (doorbraak != null && doorbraak.soort() != Grondslag.Soort.DOORBRAAK) {
                throw new IllegalArgumentException("only a break-glass ground overrides consent");
            }
        }

        @Override
        public String toString() {
            return "Check[" + phase + ", berichtId=" + berichtId + ", ontvanger=" + recipient.id() + "]";
        }
    }
}
