package nl.hvht.ketenpoort.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The per-partner concurrency limit on {@code /api/**} ({@link PartnerConcurrency}): after Spring Security, before the
 * rate limit and before the handler reads the body. Over the limit: {@link RateLimited} (429 RATE_LIMITED with
 * {@code Retry-After}, audit reason {@code GELIJKTIJDIG}), answered and audit-logged by {@link ProblemAdvice}. The
 * permit is given back when the request is complete, whatever its outcome.
 */
@Component
class ConcurrencyLimitInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    static final String REASON = "GELIJKTIJDIG";
    private static final String HOLDER = ConcurrencyLimitInterceptor.class.getName() + ".partner";

    private final PartnerConcurrency concurrency;

    ConcurrencyLimitInterceptor(PartnerConcurrency concurrency) {
        this.concurrency = concurrency;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Principal caller = request.getUserPrincipal();
        if (caller == null || request.getAttribute(HOLDER) != null) {
            return true; // unauthenticated calls never get here; a permit is held once per request
        }
        if (!concurrency.tryAcquire(caller.getName())) {
            request.setAttribute(RejectionAudit.REASON, REASON);
            throw new RateLimited(1, "Te veel gelijktijdige verzoeken van deze partner; probeer het over 1 s opnieuw.");
        }
        request.setAttribute(HOLDER, caller.getName());
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getAttribute(HOLDER) instanceof String partnerId) {
            request.removeAttribute(HOLDER);
            concurrency.release(partnerId);
        }
    }
}
