package nl.hvht.ketenpoort.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.hvht.ketenpoort.bericht.Problems;
import nl.hvht.ketenpoort.bericht.Rejection;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import nl.hvht.ketenpoort.partner.SafePaths;
import nl.hvht.ketenpoort.partner.UnreadBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every refusal of the partner API as RFC 9457 problem+json with a stable {@code code}. Bodies hold the
 * code's fixed title and a detail written by our code, never input or exception messages. Every refusal
 * is audit-logged.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemAdvice.class);

    private final RejectionAudit audit;

    ProblemAdvice(RejectionAudit audit) {
        this.audit = audit;
    }

    @ExceptionHandler(Rejection.class)
    ResponseEntity<ProblemDetail> rejected(Rejection rejection, HttpServletRequest request, HttpServletResponse response) {
        UnreadBody.closeIfUnread(request, response);
        audit.rejected(rejection.code(), request);
        ResponseEntity<ProblemDetail> answer = withInstance(problem(rejection.code(), rejection.safeDetail()), request);
        rejection.properties().forEach(answer.getBody()::setProperty);
        return answer;
    }

    /**
     * Not a fault of the request: the database, the audit log or the consent store could not be reached in time (an
     * outage, a full disk). 503 with {@code Retry-After}; nothing was stored, the sender posts the same bytes again.
     */
    private ResponseEntity<ProblemDetail> unavailable(Exception e, HttpServletRequest request) {
        LOG.warn("unavailable: {} on {} {}", causes(e), request.getMethod(), SafePaths.mask(request.getRequestURI()));
        audit.rejected(RejectionCode.SERVICE_UNAVAILABLE, request);
        return withInstance(problem(RejectionCode.SERVICE_UNAVAILABLE, RejectionCode.SERVICE_UNAVAILABLE.title()), request);
    }

    private static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.dao.DataAccessException
                    || t instanceof org.springframework.transaction.TransactionException
                    || t instanceof java.sql.SQLException
                    || t instanceof nl.hvht.ketenpoort.audit.AuditUnavailableException
                    || t instanceof nl.hvht.ketenpoort.consent.ConsentCheckFailedException) {
                return true;
            }
        }
        return false;
    }

    /** Over the partner's rate limit: 429 with {@code Retry-After} in whole seconds. */
    @ExceptionHandler(RateLimited.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimited rejection, HttpServletRequest request, HttpServletResponse response) {
        UnreadBody.closeIfUnread(request, response);
        audit.rejected(rejection.code(), request);
        return ResponseEntity.status(rejection.code().httpStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(rejection.retryAfterSeconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(rejection.code(), rejection.safeDetail()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (e.getCause() instanceof Rejection rejection) {
            return rejected(rejection, request, response);
        }
        UnreadBody.closeIfUnread(request, response);
        if (isUnavailable(e)) {
            return unavailable(e, request);
        }
        LOG.error("unexpected {} on {} {}", causes(e), request.getMethod(), SafePaths.mask(request.getRequestURI()));
        audit.rejected(RejectionCode.INTERNAL_ERROR, request);
        return withInstance(problem(RejectionCode.INTERNAL_ERROR, RejectionCode.INTERNAL_ERROR.title()), request);
    }

    /** The problem's instance is the request path with participant ids masked (Spring would set the raw path). */
    private static ResponseEntity<ProblemDetail> withInstance(ResponseEntity<ProblemDetail> response, HttpServletRequest request) {
        response.getBody().setInstance(instance(request));
        return response;
    }

    private static java.net.URI instance(HttpServletRequest request) {
        try {
            return java.net.URI.create(SafePaths.mask(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            return java.net.URI.create("about:blank");
        }
    }

    /** The chain of exception types only: messages can quote content. */
    private static String causes(Throwable e) {
        StringBuilder chain = new StringBuilder(e.getClass().getName());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            chain.append(" <- ").append(cause.getClass().getName());
        }
        return chain.toString();
    }

    /** Spring MVC's own refusals (media type, unreadable JSON, bean validation, ...). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        RejectionCode code = codeFor(ex, statusCode);
        ProblemDetail problem = detail(code, code.title());
        if (request.resolveReference(WebRequest.REFERENCE_REQUEST) instanceof HttpServletRequest servletRequest) {
            if (request instanceof ServletWebRequest web && web.getResponse() != null) {
                UnreadBody.closeIfUnread(servletRequest, web.getResponse());
            }
            audit.rejected(code, servletRequest);
            problem.setInstance(instance(servletRequest));
        }
        problem.setStatus(statusCode.value());
        return ResponseEntity.status(statusCode).headers(headers).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static RejectionCode codeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return RejectionCode.UNSUPPORTED_MEDIA_TYPE;
        }
        if (ex instanceof MethodArgumentNotValidException || status.is4xxClientError() && status.value() == 400) {
            return RejectionCode.VALIDATION_FAILED;
        }
        if (status.value() == 404) {
            return RejectionCode.NOT_FOUND;
        }
        if (status.value() == 413) {
            return RejectionCode.PAYLOAD_TOO_LARGE;
        }
        return status.is4xxClientError() ? RejectionCode.VALIDATION_FAILED : RejectionCode.INTERNAL_ERROR;
    }

    private static ResponseEntity<ProblemDetail> problem(RejectionCode code, String detail) {
        if (code == RejectionCode.SERVICE_UNAVAILABLE) {
            return ResponseEntity.status(code.httpStatus())
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(AvailabilityGate.RETRY_AFTER_SECONDS))
                    .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .body(detail(code, detail));
        }
        return ResponseEntity.status(code.httpStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(code, detail));
    }

    private static ProblemDetail detail(RejectionCode code, String detail) {
        return Problems.of(code, detail);
    }
}
