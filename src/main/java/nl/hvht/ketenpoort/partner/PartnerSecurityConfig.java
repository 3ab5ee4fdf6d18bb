package nl.hvht.ketenpoort.partner;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.problem.Problems;
import nl.hvht.ketenpoort.problem.RejectionCode;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Partners authenticate with their client certificate (mutual TLS: the server requires
 * one signed by a trusted CA); the partner is the registry entry whose OIN is the certificate's subject
 * serialNumber. A trusted certificate with an unknown OIN gets 403 UNKNOWN_SENDER. The API is stateless:
 * no sessions, no cookies, so no CSRF tokens.
 */
@Configuration
class PartnerSecurityConfig {

    /**
     * No observations of Spring Security's own (a span and timer around every filter of every request): with this
     * setting the filter chains are not wrapped at all, which saves CPU on every partner request. Requests are still
     * observed as a whole ({@code http.server.requests}) and traced by the gateway's own spans.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @Order(1)
    SecurityFilterChain partnerApi(HttpSecurity http, PartnerDetailsService partners, AuditLog audit,
            ObjectMapper json) throws Exception {
        http.securityMatcher("/api/**", "/demo/**")
                .x509(x509 -> x509
                        .x509PrincipalExtractor(certificate -> PartnerDetailsService.keyOf((X509Certificate) certificate))
                        .userDetailsService(partners))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers("/api/v1/toestemmingen/**", "/api/v1/toestemmingen", "/api/v1/deelnemers/*/verstrekkingen")
                            .hasAuthority(PartnerPrincipal.ROLE_CONSENT_REGISTRAR)
                        .requestMatchers("/api/**").hasAuthority(PartnerPrincipal.ROLE_PARTNER)
                        .requestMatchers("/demo/**").hasAuthority(PartnerPrincipal.ROLE_GATEWAY)
                        .anyRequest().denyAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) -> {
                            audit.record(new AuditEvent(null, AuditStep.REJECTED, null, null, null, null, null, null,
                                    RejectionCode.UNKNOWN_SENDER.name(), request.getMethod() + " " + SafePaths.mask(request.getRequestURI())));
                            UnreadBody.closeIfUnread(request, response);
                            write(response, json, RejectionCode.UNKNOWN_SENDER);
                        })
                        .accessDeniedHandler((request, response, e) -> {
                            String caller = request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
                            audit.record(new AuditEvent(null, AuditStep.REJECTED, null, null, caller, null, null, null,
                                    RejectionCode.FORBIDDEN.name(), request.getMethod() + " " + SafePaths.mask(request.getRequestURI())));
                            UnreadBody.closeIfUnread(request, response);
                            write(response, json, RejectionCode.FORBIDDEN);
                        }));
        return http.build();
    }

    /**
     * Everything that is not the partner API: the actuator endpoints (served on the management port, bound to
     * loopback) are open to operators; any other path is refused, also on the partner port.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(rules -> rules
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).permitAll()
                        .anyRequest().denyAll())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable);
        return http.build();
    }

    private static void write(HttpServletResponse response, ObjectMapper json, RejectionCode code) throws IOException {
        ProblemDetail problem = Problems.of(code, code.title());
        response.setStatus(code.httpStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
