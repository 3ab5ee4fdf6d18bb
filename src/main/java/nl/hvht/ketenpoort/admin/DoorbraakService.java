package nl.hvht.ketenpoort.admin;

import nl.hvht.ketenpoort.problem.AdminCode;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.consent.Doorbraak;
import nl.hvht.ketenpoort.consent.DoorbraakStore;
import nl.hvht.ketenpoort.delivery.DoorbraakRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import nl.hvht.ketenpoort.delivery.DeliveryLedger;
import nl.hvht.ketenpoort.trace.Traces;
import org.slf4j.MDC;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Break-glass, four eyes: a BEHEERDER asks to release a WITHHELD delivery (nothing is sent), a different BEHEERDER
 * approves (then it is released and queued) or anyone with the role refuses. Each step is audit-logged
 * (BREAK_GLASS_REQUESTED, BREAK_GLASS_DECIDED) with the administrator as actor, the participant's pseudonym and the
 * ground {@code doorbraak:<id>}; never the motivering. The audit record is written before the step's transaction
 * commits, so nothing is released that is not on record (and a rollback after it is on record too, {@link AuditLog#record}).
 */
@Service
class DoorbraakService {

    private static final Logger LOG = LoggerFactory.getLogger(DoorbraakService.class);

    private final DoorbraakStore doorbraken;
    private final DoorbraakRelease release;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final DeliveryLedger ledger;
    private final Traces traces;

    DoorbraakService(DoorbraakStore doorbraken, DoorbraakRelease release, AuditLog audit, TransactionTemplate transaction, Clock clock,
            DeliveryLedger ledger, Traces traces) {
        this.ledger = ledger;
        this.traces = traces;
        this.doorbraken = doorbraken;
        this.release = release;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    Doorbraak aanvragen(String berichtId, String ontvanger, String motivering, String door) {
        Doorbraak request = concurrently(() -> transaction.execute(status -> {
            DoorbraakRelease.Subject subject = release.lockWithheld(berichtId, ontvanger);
            Doorbraak open = Doorbraak.aanvraag(berichtId, ontvanger, door, motivering, clock.instant());
            doorbraken.insert(open);
            audit.record(event(AuditStep.BREAK_GLASS_REQUESTED, subject, door, open.status(), open));
            return open;
        }));
        LOG.info("break-glass {} requested by {} for {}:{}", request.id(), door, berichtId, ontvanger);
        traced(AuditStep.BREAK_GLASS_REQUESTED, berichtId);
        return request;
    }

    Doorbraak goedkeuren(UUID id, String door) {
        Approval approval = concurrently(() -> transaction.execute(status -> {
            Doorbraak approved = doorbraken.lock(id).orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND))
                    .goedkeuren(door, clock.instant());
            doorbraken.decide(approved);
            DoorbraakRelease.Released released = release.release(id, approved.berichtId(), approved.ontvanger());
            audit.record(event(AuditStep.BREAK_GLASS_DECIDED, released.subject(), door, approved.status(), approved));
            return new Approval(approved, released);
        }));
        LOG.info("break-glass {} approved by {}; released {}:{}", id, door, approval.doorbraak().berichtId(),
                approval.doorbraak().ontvanger());
        release.queue(approval.released());
        traced(AuditStep.BREAK_GLASS_DECIDED, approval.doorbraak().berichtId());
        return approval.doorbraak();
    }

    Doorbraak afwijzen(UUID id, String door) {
        Doorbraak refused = transaction.execute(status -> {
            Doorbraak decided = doorbraken.lock(id).orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND))
                    .afwijzen(door, clock.instant());
            doorbraken.decide(decided);
            DoorbraakRelease.Subject subject = release.describe(decided.berichtId(), decided.ontvanger())
                    .orElseThrow(() -> new IllegalStateException("delivery of break-glass request missing: " + id));
            audit.record(event(AuditStep.BREAK_GLASS_DECIDED, subject, door, decided.status(), decided));
            return decided;
        });
        LOG.info("break-glass {} refused by {}", id, door);
        traced(AuditStep.BREAK_GLASS_DECIDED, refused.berichtId());
        return refused;
    }

    /**
     * A request and an approval of the same delivery at the same moment lock its rows in opposite order; the database
     * then aborts one of them. That one gets a clear 409 (try again), not a 500.
     */
    private static <T> T concurrently(java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (org.springframework.dao.PessimisticLockingFailureException e) {
            throw new Rejection(AdminCode.DOORBRAAK_NIET_MOGELIJK, "Gelijktijdig met een andere beoordeling; probeer het opnieuw.");
        }
    }

    List<Doorbraak> list(Optional<Doorbraak.Status> status) {
        return doorbraken.list(status);
    }

    private void traced(AuditStep step, String berichtId) {
        traces.consoleAction(step.name(), berichtId, ledger.traceOf(berichtId).orElse(null));
    }

    private static AuditEvent event(AuditStep step, DoorbraakRelease.Subject subject, String door, Doorbraak.Status outcome,
            Doorbraak request) {
        return new AuditEvent(MDC.get("traceId"), step, subject.berichtId(), subject.berichtType(), AdminSecurityConfig.actor(door),
                subject.ontvanger(), subject.deelnemerPseudoniem(), subject.categories(), outcome.name(), request.grond().code())
                .voorDoel(ConsoleAccess.BEHEER).door(ConsoleAccess.of(
                        org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication()));
    }

    private record Approval(Doorbraak doorbraak, DoorbraakRelease.Released released) {
    }
}
