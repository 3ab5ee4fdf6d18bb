package nl.hvht.ketenpoort.intake;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The per-partner rate limit on {@code /api/**}. It runs in Spring MVC, so after Spring Security has
 * authenticated the caller, and before the handler reads the body: a refused request does nothing else.
 * The refusal ({@link RateLimited}) is answered and audit-logged by {@link ProblemAdvice}.
 */
@Component
class RateLimitInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final PartnerRateLimiter limiter;

    RateLimitInterceptor(PartnerRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Principal caller = request.getUserPrincipal();
        if (caller == null) {
            return true; // Spring Security refuses unauthenticated calls before they get here.
        }
        long wait = limiter.acquire(caller.getName());
        if (wait > 0) {
            throw new RateLimited(wait);
        }
        return true;
    }
}
