package nl.hvht.ketenpoort.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.bericht.BerichtEnvelop;
import nl.hvht.ketenpoort.problem.ProblemCode;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.partner.SafePaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/** Leaves one audit record per refused request: who, which endpoint, which code. Never content. */
@Component
class RejectionAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RejectionAudit.class);

    /** Request attribute holding the trace id of a submitted message, so its refusal names the same trace. */
    static final String TRACE_ID = RejectionAudit.class.getName() + ".traceId";
    /** Request attribute holding the envelope of a readable message that was refused. */
    static final String ENVELOPE = RejectionAudit.class.getName() + ".envelope";
    /** Request attribute with a finer, content-free reason code for the refusal (e.g. why a signature failed). */
    static final String REASON = RejectionAudit.class.getName() + ".reason";

    private final AuditLog audit;

    RejectionAudit(AuditLog audit) {
        this.audit = audit;
    }

    void rejected(ProblemCode code, HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        String caller = principal == null ? null : principal.getName();
        String traceId = request.getAttribute(TRACE_ID) instanceof String id ? id : MDC.get("traceId");
        LOG.info("refused {} {} from {}: {}", request.getMethod(), SafePaths.mask(request.getRequestURI()), caller, code);
        BerichtEnvelop envelope = request.getAttribute(ENVELOPE) instanceof BerichtEnvelop e ? e : null;
        String reason = request.getAttribute(REASON) instanceof String r ? " " + r : "";
        try {
            audit.record(new AuditEvent(traceId, AuditStep.REJECTED, envelope == null ? null : envelope.berichtId(),
                    envelope == null ? null : envelope.berichtType(), caller, null, null, null, code.name(),
                    truncate(request.getMethod() + " " + SafePaths.mask(request.getRequestURI()) + reason))
                    .voorDoel(envelope == null ? null : envelope.doel())
                    .in(new nl.hvht.ketenpoort.audit.AuditSpan(null, nl.hvht.ketenpoort.audit.AuditSpan.ForeignOperation.of(
                            request.getHeader("traceparent"), caller), null)));
        } catch (RuntimeException e) {
            // The refusal is still answered (problem+json): an audit log that cannot be written must not turn it into an
            // empty error. The log line above names it.
            LOG.warn("audit record of refusal {} not stored: {}", code, e.getClass().getName());
        }
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }
}
