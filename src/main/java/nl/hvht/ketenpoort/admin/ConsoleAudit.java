package nl.hvht.ketenpoort.admin;

import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.delivery.DeliveryLedger;
import nl.hvht.ketenpoort.trace.Traces;
import org.slf4j.MDC;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Audit records of the console pages: every view of participant data ({@link AuditStep#ADMIN_VIEW}) and every action
 * without a step of its own ({@link AuditStep#ADMIN_ACTION}), with the administrator as actor and the participant only
 * as pseudonym, and the NEN 7513 fields of the access: the user's roles, the purpose of use and the network access
 * point ({@link ConsoleAccess}). The record is written before the page is rendered: no record, no page.
 */
@Component
class ConsoleAudit {

    private final AuditLog audit;
    private final DeliveryLedger ledger;
    private final Traces traces;

    ConsoleAudit(AuditLog audit, DeliveryLedger ledger, Traces traces) {
        this.audit = audit;
        this.ledger = ledger;
        this.traces = traces;
    }

    /** A view: what ({@code reden}, e.g. {@code berichten:zoek}), of which message and participant (pseudonym) if any. */
    void view(Authentication who, String berichtId, String berichtType, String pseudoniem, String reden) {
        view(who, berichtId, berichtType, pseudoniem, reden, ConsoleAccess.BEHEER);
    }

    /** A view for a purpose of use ({@link ConsoleAccess#BEHEER} or {@link ConsoleAccess#VERANTWOORDING}). */
    void view(Authentication who, String berichtId, String berichtType, String pseudoniem, String reden, String doel) {
        audit.record(new AuditEvent(MDC.get("traceId"), AuditStep.ADMIN_VIEW, berichtId, berichtType,
                AdminSecurityConfig.actor(who.getName()), null, pseudoniem, null, "OK", reden)
                .voorDoel(doel).door(ConsoleAccess.of(who)));
        if (berichtId != null) {
            // A view of one message is a span of its trace (linked to the console request's).
            traces.consoleAction(AuditStep.ADMIN_VIEW.name(), berichtId, ledger.traceOf(berichtId).orElse(null));
        }
    }

    /** An action and its outcome word. */
    void action(Authentication who, String uitkomst, String reden) {
        audit.record(new AuditEvent(MDC.get("traceId"), AuditStep.ADMIN_ACTION, null, null,
                AdminSecurityConfig.actor(who.getName()), null, null, null, uitkomst, reden)
                .voorDoel(ConsoleAccess.BEHEER).door(ConsoleAccess.of(who)));
    }
}
