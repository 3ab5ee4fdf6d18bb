package nl.hvht.ketenpoort.intake;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import nl.hvht.ketenpoort.problem.Problems;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.partner.SafePaths;
import nl.hvht.ketenpoort.partner.UnreadBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The error page of the partner port. Tomcat forwards to {@code /error} when its own error state is set (a body read
 * that timed out, a {@code sendError}, an exception out of a filter); that forward would meet Spring Security's
 * deny-all chain ({@code /error} is no partner API path) and end as an empty 403, whatever the refusal was. This
 * filter answers every ERROR dispatch of a partner-port request itself, before Spring Security: problem+json with the
 * stable code of the status (408 REQUEST_TIMEOUT, ...), headers such as {@code Retry-After} kept. Partner-port requests
 * are the ones that came with a client certificate (the port requires one; the admin port asks for none), so the
 * admin port keeps Spring Boot's error page. The refusal itself was audit-logged where it was decided; nothing is
 * logged here but the code.
 */
@Configuration(proxyBeanMethods = false)
class PartnerErrorPage {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerErrorPage.class);
    private static final String CLIENT_CERTIFICATE = "jakarta.servlet.request.X509Certificate";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> partnerErrorPageFilter(ObjectMapper json) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new ErrorDispatchFilter(json));
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10); // before Spring Security (-100)
        return registration;
    }

    /** The code of an error status on the partner port. */
    static RejectionCode codeFor(int status) {
        return switch (status) {
            case 400 -> RejectionCode.VALIDATION_FAILED;
            case 401, 403 -> RejectionCode.FORBIDDEN;
            case 404, 405 -> RejectionCode.NOT_FOUND;
            case 408 -> RejectionCode.REQUEST_TIMEOUT;
            case 413 -> RejectionCode.PAYLOAD_TOO_LARGE;
            case 415 -> RejectionCode.UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RejectionCode.RATE_LIMITED;
            default -> status >= 400 && status < 500 ? RejectionCode.VALIDATION_FAILED : RejectionCode.INTERNAL_ERROR;
        };
    }

    private static final class ErrorDispatchFilter extends OncePerRequestFilter {

        private final ObjectMapper json;

        ErrorDispatchFilter(ObjectMapper json) {
            this.json = json;
        }

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return request.getAttribute(CLIENT_CERTIFICATE) == null;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            RejectionCode code = codeFor(status instanceof Integer s ? s : HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
            String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? SafePaths.mask(uri) : "";
            LOG.info("error page on the partner port for {} {}: {}", request.getMethod(), path, code);
            if (response.isCommitted()) {
                return;
            }
            UnreadBody.closeIfUnread(request, response);
            ProblemDetail problem = Problems.of(code, code.title());
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException notAUri) {
                problem.setInstance(URI.create("about:blank"));
            }
            response.setStatus(code.httpStatus());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            json.writeValue(response.getOutputStream(), problem);
        }
    }
}
