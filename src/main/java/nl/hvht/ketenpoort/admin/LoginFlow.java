package nl.hvht.ketenpoort.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

/**
 * The console login, step by step: password (Spring Security's form login against {@link AdminAccounts}), then the TOTP
 * code ({@link Totp}, each time step once), then a session with the administrator's roles. Throttled per user name
 * and address and per address ({@link LoginThrottle}; every lock and its end audit-logged); every step is audit-logged ({@link AuditStep#ADMIN_LOGIN}, actor
 * {@code beheerder:<naam>}, or {@code beheerder:onbekend} for a name that does not exist, so a password typed in the
 * name field never reaches the log; the client address as reason). Never logs a password, code or secret.
 */
@Component
class LoginFlow {

    static final String LOGIN = "/beheer/inloggen";
    static final String SECOND_STEP = "/beheer/tweede-stap";
    static final String HOME = "/beheer/";
    private static final Logger LOG = LoggerFactory.getLogger(LoginFlow.class);

    private final AdminAccounts beheerders;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository contextRepository = new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository());
    private final CsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();

    LoginFlow(AdminAccounts beheerders, LoginThrottle throttle, AuditLog audit, Clock clock) {
        this.beheerders = beheerders;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
    }

    SecurityContextRepository contextRepository() {
        return contextRepository;
    }

    CsrfTokenRepository csrfTokens() {
        return csrfTokens;
    }

    /** Refused before the password is checked when the name or address is locked. */
    void checkNotLocked(String gebruikersnaam, String address) {
        if (throttle.locked(gebruikersnaam, address)) {
            throw new Geblokkeerd();
        }
    }

    /** Password right: half a login, on to the code page. */
    void passwordAccepted(HttpServletRequest request, HttpServletResponse response, Authentication full) throws IOException {
        save(new PasswordVerified(full), request, response);
        response.sendRedirect(request.getContextPath() + SECOND_STEP);
    }

    /** Password wrong (or the name unknown, inactive, locked). */
    void passwordRefused(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        String naam = request.getParameter("gebruikersnaam");
        String address = request.getRemoteAddr();
        if (e instanceof Geblokkeerd) {
            record(auditActor(naam), "GEBLOKKEERD", address);
            response.sendRedirect(request.getContextPath() + LOGIN + "?geblokkeerd");
            return;
        }
        List<LoginThrottle.Lock> locks = throttle.failed(naam, address);
        String actor = auditActor(naam);
        record(actor, "WACHTWOORD_FOUT", address);
        locks.forEach(lock -> recordLock(actor, lock));
        response.sendRedirect(request.getContextPath() + LOGIN + (locks.isEmpty() ? "?fout" : "?geblokkeerd"));
    }

    /** The code of the second step; the current authentication is a {@link PasswordVerified}. Returns where to go. */
    String code(String code, PasswordVerified half, HttpServletRequest request, HttpServletResponse response) {
        String naam = half.getName();
        String address = request.getRemoteAddr();
        if (throttle.locked(naam, address)) {
            record(AdminSecurityConfig.actor(naam), "GEBLOKKEERD", address);
            endSession(request);
            return LOGIN + "?geblokkeerd";
        }
        OptionalLong step = beheerders.totpGeheim(naam).map(secret -> Totp.matchingStep(secret, code, clock.instant()))
                .orElse(OptionalLong.empty());
        if (step.isPresent() && beheerders.useStep(naam, step.getAsLong())) {
            request.changeSessionId();
            new CsrfAuthenticationStrategy(csrfTokens).onAuthentication(half.full(), request, response);
            save(half.full(), request, response);
            throttle.succeeded(naam, address);
            record(AdminSecurityConfig.actor(naam), "OK", address);
            LOG.info("administrator {} logged in", naam);
            return HOME;
        }
        List<LoginThrottle.Lock> locks = throttle.failed(naam, address);
        record(AdminSecurityConfig.actor(naam), "TOTP_FOUT", address);
        locks.forEach(lock -> recordLock(AdminSecurityConfig.actor(naam), lock));
        if (!locks.isEmpty()) {
            endSession(request);
            return LOGIN + "?geblokkeerd";
        }
        return SECOND_STEP + "?fout";
    }

    /**
     * Audit-logs every lock that has ended ({@code VRIJGEGEVEN}, with what it covered); called periodically
     * ({@link LoginReleases}).
     */
    void auditReleases() {
        for (LoginThrottle.Release release : throttle.released()) {
            String actor = release.scope() == LoginThrottle.Scope.ADRES ? null : auditActor(release.naam());
            audit.record(new AuditEvent(null, AuditStep.ADMIN_LOGIN, null, null, actor, null, null, null, "VRIJGEGEVEN",
                    "adres:" + release.address() + " blokkade:" + release.scope()));
            LOG.info("console login lock ended: {} from {}", release.scope(), release.address());
        }
    }

    /** A lock that started: GEBLOKKEERD with what it covers and until when. */
    private void recordLock(String actor, LoginThrottle.Lock lock) {
        audit.record(new AuditEvent(null, AuditStep.ADMIN_LOGIN, null, null, lock.scope() == LoginThrottle.Scope.ADRES ? null : actor,
                null, null, null, "GEBLOKKEERD", "adres:" + lock.address() + " blokkade:" + lock.scope() + " tot:" + lock.until()));
        LOG.info("console login locked: {} from {} until {}", lock.scope(), lock.address(), lock.until());
    }

    /** Logout (Spring Security's logout filter ends the session). */
    void loggedOut(HttpServletRequest request, Authentication authentication) {
        if (authentication != null) {
            record(AdminSecurityConfig.actor(authentication.getName()), "OK", request.getRemoteAddr(), AuditStep.ADMIN_LOGOUT);
        }
    }

    private void save(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        contextRepository.saveContext(context, request, response);
    }

    private void endSession(HttpServletRequest request) {
        contexts.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }

    private String auditActor(String naam) {
        return naam != null && naam.length() <= 64 && beheerders.exists(naam) ? AdminSecurityConfig.actor(naam) : "beheerder:onbekend";
    }

    private void record(String actor, String uitkomst, String address) {
        record(actor, uitkomst, address, AuditStep.ADMIN_LOGIN);
    }

    private void record(String actor, String uitkomst, String address, AuditStep step) {
        audit.record(new AuditEvent(null, step, null, null, actor, null, null, null, uitkomst, "adres:" + address)
                .voorDoel(ConsoleAccess.BEHEER).door(new nl.hvht.ketenpoort.audit.Toegang(null, address)));
    }

    /** Too many failed attempts for this name or address. */
    static final class Geblokkeerd extends LockedException {

        private static final long serialVersionUID = 1L;

        Geblokkeerd() {
            super("login locked");
        }
    }
}
