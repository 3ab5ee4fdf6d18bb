package nl.hvht.ketenpoort.intake;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.UUID;
import nl.hvht.ketenpoort.audit.AuditSpan;
import nl.hvht.ketenpoort.bericht.BerichtProperties;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.delivery.DeliveryLedger;
import nl.hvht.ketenpoort.delivery.IntakeCommitter;
import nl.hvht.ketenpoort.delivery.BerichtStatus;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import nl.hvht.ketenpoort.pipeline.Dispatch;
import nl.hvht.ketenpoort.pipeline.Steps;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import nl.hvht.ketenpoort.trace.SpanNames;
import nl.hvht.ketenpoort.trace.Traces;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The partner API for messages. */
@RestController
class IntakeController {

    private static final String BASE = "/api/v1/berichten";

    private final ProducerTemplate pipeline;
    private final DeliveryLedger ledger;
    private final SignedIntake signedIntake;
    private final BodyReader bodyReader;
    private final Traces traces;

    IntakeController(ProducerTemplate pipeline, DeliveryLedger ledger, SignedIntake signedIntake, BerichtProperties limits,
            IntakeProperties intake, Traces traces) {
        this.traces = traces;
        this.pipeline = pipeline;
        this.ledger = ledger;
        this.signedIntake = signedIntake;
        this.bodyReader = new BodyReader(limits.maxBytes().toBytes(), intake.bodyTimeout(), System::nanoTime);
    }

    @PostMapping(path = BASE, consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE,
            SignedIntake.PKCS7_MIME_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<BerichtStatus> submit(@AuthenticationPrincipal PartnerPrincipal caller, HttpServletRequest request)
            throws IOException {
        // The intake span: a child of the HTTP server span, which continues the partner's traceparent (or starts a trace).
        Span span = traces.start(SpanNames.INTAKE, null).tag(SpanNames.AFZENDER, caller.id());
        String traceId = traceIdOf(span);
        // The MDC's trace id is gone by the time a refusal is answered (ProblemAdvice): it reads the attribute.
        request.setAttribute(RejectionAudit.TRACE_ID, traceId);
        try (Tracer.SpanInScope scope = traces.inScope(span)) {
            // Only verified content enters the pipeline: the Dispatch never holds the signed wrapper.
            byte[] content = signedIntake.contentOf(caller, readLimited(request), request);
            Dispatch dispatch = new Dispatch(traceId, traces.stored(span), caller.id(), content);
            dispatch.calledFrom(AuditSpan.ForeignOperation.of(request.getHeader("traceparent"), caller.id()));
            boolean duplicate = run(dispatch, request);
            String berichtId = dispatch.envelope().berichtId();
            span.tag(SpanNames.BERICHT_ID, berichtId).tag(SpanNames.BERICHT_TYPE, dispatch.envelope().berichtType())
                    .tag(SpanNames.UITKOMST, duplicate ? "DUPLICAAT" : "ACCEPTED");
            // A new message is answered from what was just committed; a known one with its current status.
            BerichtStatus status = duplicate ? ledger.statusOf(berichtId).orElseThrow(
                    () -> new IllegalStateException("no status recorded for a known message"))
                    : IntakeCommitter.acceptedStatus(dispatch);
            URI location = URI.create(BASE + "/" + berichtId);
            return duplicate
                    ? ResponseEntity.ok().location(location).header("Ketenpoort-Duplicaat", "true").body(status)
                    : ResponseEntity.accepted().location(location).body(status);
        } catch (Rejection rejection) {
            span.tag(SpanNames.UITKOMST, rejection.code().name());
            throw rejection;
        } finally {
            span.end();
        }
    }

    /** The W3C trace id of the intake span (32 hex); a random one of the same form if tracing gives none. */
    private static String traceIdOf(Span span) {
        String id = span.context().traceId();
        return id != null && id.length() == 32 && !id.equals("00000000000000000000000000000000") ? id
                : UUID.randomUUID().toString().replace("-", "");
    }

    /**
     * The status for its sender. Another partner's message is answered exactly as an unknown id (404 NOT_FOUND), so
     * berichtIds of other partners cannot be probed.
     */
    @GetMapping(path = BASE + "/{berichtId}", produces = MediaType.APPLICATION_JSON_VALUE)
    BerichtStatus status(@AuthenticationPrincipal PartnerPrincipal caller, @PathVariable String berichtId) {
        return ledger.statusOf(normalise(berichtId))
                .filter(status -> status.afzender().equals(caller.id()))
                .orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND, "Onbekend berichtId."));
    }

    /**
     * Runs the pipeline; true if the message was known already (nothing new was done). When a readable
     * message is refused, its envelope is left on the request so the refusal's audit record names it.
     */
    private boolean run(Dispatch dispatch, HttpServletRequest request) {
        try {
            pipeline.sendBody(Steps.PIPELINE, dispatch);
        } catch (CamelExecutionException e) {
            if (dispatch.isParsed()) {
                request.setAttribute(RejectionAudit.ENVELOPE, dispatch.envelope());
            }
            if (e.getCause() instanceof Rejection rejection) {
                throw rejection;
            }
            throw e;
        }
        return dispatch.isDuplicate();
    }

    private byte[] readLimited(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return bodyReader.read(in, request.getContentLengthLong());
        }
    }

    private static String normalise(String berichtId) {
        try {
            return UUID.fromString(berichtId).toString();
        } catch (IllegalArgumentException e) {
            throw new Rejection(RejectionCode.NOT_FOUND, "Onbekend berichtId.");
        }
    }
}
