package nl.hvht.ketenpoort.admin;

import org.springframework.security.core.Authentication;

/** Whether the logged-in administrator has a role (for what a page shows; access itself is {@link AdminSecurityConfig}'s). */
final class Roles {

    private Roles() {
    }

    static boolean has(Authentication who, AdminRole role) {
        return who != null && who.getAuthorities().stream().anyMatch(a -> role.authority().equals(a.getAuthority()));
    }
}
