package nl.hvht.ketenpoort.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.bericht.Problems;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what on the admin port, and ONLY there: this chain matches every request that arrived on
 * {@code ketenpoort.admin.port} (so the partner chain never sees one: {@code /api/**} is refused here), and
 * {@code /beheer/**} on the partner port falls through to the deny-all chain of {@code partner}.
 *
 * <p>Authentication for now: HTTP Basic against {@link Beheerders}, stateless (no session, hence no CSRF token).
 * Issue 5 replaces this one class with form login, TOTP, sessions and CSRF; the authorisation rules stay.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfig {

    /** Before the partner chain (order 1). */
    @Bean
    @Order(0)
    SecurityFilterChain adminPort(HttpSecurity http, AdminProperties properties, Beheerders beheerders, AuditLog audit,
            ObjectMapper json) throws Exception {
        RequestMatcher onAdminPort = request -> request.getLocalPort() == properties.port();
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(beheerders::load);
        provider.setPasswordEncoder(Beheerders.ENCODER);
        String[] anyRole = {AdminRole.BEHEERDER.name(), AdminRole.PRIVACY.name(), AdminRole.KIJKER.name()};
        http.securityMatcher(onAdminPort)
                .authenticationManager(new ProviderManager(provider))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.POST, "/beheer/api/v1/doorbraken", "/beheer/api/v1/doorbraken/**")
                            .hasRole(AdminRole.BEHEERDER.name())
                        .requestMatchers(HttpMethod.POST, "/beheer/api/v1/dode-brieven/**").hasRole(AdminRole.BEHEERDER.name())
                        .requestMatchers(HttpMethod.GET, "/beheer/api/v1/deelnemers/**")
                            .hasAnyRole(AdminRole.PRIVACY.name(), AdminRole.BEHEERDER.name())
                        .requestMatchers(HttpMethod.GET, "/beheer/api/**").hasAnyRole(anyRole)
                        .anyRequest().denyAll())
                .httpBasic(basic -> basic.realmName("Ketenpoort beheer"))
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors.accessDeniedHandler((request, response, e) -> {
                    audit.record(new AuditEvent(null, AuditStep.REJECTED, null, null, actor(request), null, null, null,
                            RejectionCode.FORBIDDEN.name(), request.getMethod() + " " + truncate(nl.hvht.ketenpoort.partner.SafePaths.mask(request.getRequestURI()))));
                    write(response, json, RejectionCode.FORBIDDEN);
                }));
        return http.build();
    }

    /** The audit actor of an administrator: {@code beheerder:<naam>}. */
    static String actor(String gebruikersnaam) {
        return "beheerder:" + gebruikersnaam;
    }

    private static String actor(HttpServletRequest request) {
        return request.getUserPrincipal() == null ? null : actor(request.getUserPrincipal().getName());
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200);
    }

    private static void write(HttpServletResponse response, ObjectMapper json, RejectionCode code) throws IOException {
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), Problems.of(code, code.title()));
    }
}
