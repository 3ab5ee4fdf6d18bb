package nl.hvht.ketenpoort.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.util.TreeSet;
import nl.hvht.ketenpoort.audit.Toegang;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The NEN 7513 fields of a console access beside the user and the participant: the purpose of use, the user's roles
 * and the network access point (the client address the request came from; the admin port has no proxy in front).
 */
final class ConsoleAccess {

    /** Purpose of use of operating the gateway: messages, deliveries, dead letters, break-glass. */
    static final String BEHEER = "beheer";
    /** Purpose of use of the privacy officer's accountability work: consent of a participant, audit export. */
    static final String VERANTWOORDING = "verantwoording";

    private ConsoleAccess() {
    }

    /** Role and access point of the user of the request under way (roles only if {@code who} is given). */
    static Toegang of(Authentication who) {
        return new Toegang(roles(who), address());
    }

    /** The user's roles ({@link AdminRole} names, sorted, joined by ","), or null. */
    static String roles(Authentication who) {
        if (who == null) {
            return null;
        }
        TreeSet<String> roles = new TreeSet<>();
        for (GrantedAuthority authority : who.getAuthorities()) {
            String name = authority.getAuthority();
            if (name != null && name.startsWith("ROLE_")) {
                roles.add(name.substring("ROLE_".length()));
            }
        }
        return roles.isEmpty() ? null : String.join(",", roles);
    }

    private static String address() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? address(attributes.getRequest()) : null;
    }

    static String address(HttpServletRequest request) {
        return request == null ? null : request.getRemoteAddr();
    }
}
