package nl.hvht.ketenpoort.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.problem.Problems;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.partner.SafePaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what on the admin port, and ONLY there: this chain matches every request that arrived on
 * {@code ketenpoort.admin.port} (so the partner chain never sees one: {@code /api/**} is refused here), and
 * {@code /beheer/**} on the partner port falls through to the deny-all chain of {@code partner}.
 *
 * <p>Authentication: form login ({@code /beheer/inloggen}) against {@link AdminAccounts}, then a TOTP code
 * ({@code /beheer/tweede-stap}, {@link LoginFlow}); a session (idle timeout {@code server.servlet.session.timeout},
 * cookie Secure, HttpOnly, SameSite=Strict) with the administrator's roles serves both the console pages and the JSON
 * API {@code /beheer/api/**}. CSRF tokens are required on every state-changing request (forms: hidden field; htmx
 * and the API: header {@code X-CSRF-TOKEN}, from the page's meta tag). Unauthenticated: pages redirect to the login,
 * htmx requests get 401 with {@code HX-Redirect}, the API 401. Refused (role, CSRF): 403 {@code FORBIDDEN}, audit-logged.
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfig {

    /** Before the partner chain (order 1). */
    @Bean
    @Order(0)
    SecurityFilterChain adminPort(HttpSecurity http, AdminProperties properties, AdminAccounts beheerders, LoginFlow login,
            AuditLog audit, ObjectMapper json) throws Exception {
        RequestMatcher onAdminPort = request -> request.getLocalPort() == properties.port();
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(beheerders::load);
        passwords.setPasswordEncoder(AdminAccounts.ENCODER);
        AuthenticationProvider throttled = new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) throws AuthenticationException {
                String address = authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
                login.checkNotLocked(authentication.getName(), address);
                return passwords.authenticate(authentication);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return passwords.supports(authentication);
            }
        };
        String[] anyRole = {AdminRole.BEHEERDER.name(), AdminRole.PRIVACY.name(), AdminRole.KIJKER.name()};
        http.securityMatcher(onAdminPort)
                .authenticationManager(new ProviderManager(throttled))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(HttpMethod.GET, LoginFlow.LOGIN, "/webjars/**", "/beheer/assets/**").permitAll()
                        .requestMatchers(HttpMethod.POST, LoginFlow.LOGIN).permitAll()
                        // Spring Boot's error page (no message, no trace: server.error defaults), so an error is a 500,
                        // not a misleading 403 from the forward to /error.
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR).permitAll()
                        .requestMatchers(LoginFlow.SECOND_STEP).hasAuthority(PasswordVerified.AUTHORITY)
                        .requestMatchers(HttpMethod.POST, "/beheer/api/v1/doorbraken", "/beheer/api/v1/doorbraken/**")
                            .hasRole(AdminRole.BEHEERDER.name())
                        .requestMatchers(HttpMethod.POST, "/beheer/api/v1/dode-brieven/**").hasRole(AdminRole.BEHEERDER.name())
                        .requestMatchers(HttpMethod.GET, "/beheer/api/v1/deelnemers/**")
                            .hasAnyRole(AdminRole.PRIVACY.name(), AdminRole.BEHEERDER.name())
                        .requestMatchers(HttpMethod.GET, AuditExportController.PATH).hasRole(AdminRole.PRIVACY.name())
                        .requestMatchers(HttpMethod.GET, "/beheer/api/**").hasAnyRole(anyRole)
                        .requestMatchers(HttpMethod.POST, "/beheer/uitloggen").authenticated()
                        .requestMatchers(HttpMethod.GET, LoginFlow.HOME, "/beheer/dashboard/**").hasAnyRole(anyRole)
                        .requestMatchers(HttpMethod.POST, "/beheer/dode-brieven/**", "/beheer/toestemming/doorbraken/**")
                            .hasRole(AdminRole.BEHEERDER.name())
                        .requestMatchers(HttpMethod.GET, "/beheer/berichten", "/beheer/berichten/**", "/beheer/dode-brieven")
                            .hasAnyRole(anyRole)
                        .requestMatchers(HttpMethod.GET, "/beheer/toestemming", "/beheer/audit")
                            .hasAnyRole(AdminRole.PRIVACY.name(), AdminRole.BEHEERDER.name())
                        .requestMatchers(HttpMethod.POST, "/beheer/audit/verificatie")
                            .hasAnyRole(AdminRole.PRIVACY.name(), AdminRole.BEHEERDER.name())
                        .anyRequest().denyAll())
                .securityContext(context -> context.securityContextRepository(login.contextRepository()))
                .csrf(csrf -> csrf.csrfTokenRepository(login.csrfTokens()))
                .formLogin(form -> form.loginPage(LoginFlow.LOGIN).loginProcessingUrl(LoginFlow.LOGIN)
                        .usernameParameter("gebruikersnaam").passwordParameter("wachtwoord")
                        .successHandler(login::passwordAccepted)
                        .failureHandler(login::passwordRefused))
                .logout(logout -> logout.logoutUrl("/beheer/uitloggen")
                        .addLogoutHandler((request, response, authentication) -> login.loggedOut(request, authentication))
                        .logoutSuccessUrl(LoginFlow.LOGIN + "?uitgelogd"))
                .httpBasic(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self';"
                                + " img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> unauthenticated(request, response))
                        .accessDeniedHandler((request, response, e) -> {
                            if (isPage(request) && SecurityContextHolder.getContext().getAuthentication() instanceof PasswordVerified) {
                                response.sendRedirect(request.getContextPath() + LoginFlow.SECOND_STEP);
                                return;
                            }
                            if (e instanceof CsrfException && isLoginStep(request)) {
                                // an expired session while the login form was open: start again
                                response.sendRedirect(request.getContextPath() + LoginFlow.LOGIN + "?verlopen");
                                return;
                            }
                            audit.record(new AuditEvent(null, AuditStep.REJECTED, null, null, actor(request), null, null, null,
                                    RejectionCode.FORBIDDEN.name(), request.getMethod() + " " + truncate(SafePaths.mask(request.getRequestURI())))
                                    .door(new nl.hvht.ketenpoort.audit.Toegang(ConsoleAccess.roles(
                                            SecurityContextHolder.getContext().getAuthentication()), ConsoleAccess.address(request))));
                            write(response, json, RejectionCode.FORBIDDEN);
                        }));
        return http.build();
    }

    /** The audit actor of an administrator: {@code beheerder:<naam>}. */
    static String actor(String gebruikersnaam) {
        return "beheerder:" + gebruikersnaam;
    }

    private static void unauthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getHeader("HX-Request") != null) {
            response.setHeader("HX-Redirect", request.getContextPath() + LoginFlow.LOGIN + "?verlopen");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        } else if (isPage(request)) {
            response.sendRedirect(request.getContextPath() + LoginFlow.LOGIN);
        } else {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        }
    }

    /** A console page (not the API, not htmx), as a browser asks for it. */
    private static boolean isPage(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return "GET".equals(request.getMethod()) && path.startsWith("/beheer/") && !path.startsWith("/beheer/api/")
                && request.getHeader("HX-Request") == null;
    }

    private static boolean isLoginStep(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals(LoginFlow.LOGIN) || path.equals(LoginFlow.SECOND_STEP);
    }

    private static String actor(HttpServletRequest request) {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        return who == null || !who.isAuthenticated() ? null : actor(who.getName());
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
