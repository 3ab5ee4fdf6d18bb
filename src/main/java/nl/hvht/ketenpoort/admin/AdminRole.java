package nl.hvht.ketenpoort.admin;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Roles of an administrator (issue 5). Stored by name in {@code beheerder.rollen}: never rename. */
public enum AdminRole {
    /** Operate: retry, discard, request and approve break-glass. */
    BEHEERDER,
    /** Privacy officer: consent log, disclosure reports, audit verification. */
    PRIVACY,
    /** Read-only dashboard. */
    KIJKER;

    /** The Spring Security authority, {@code ROLE_<name>}. */
    public String authority() {
        return "ROLE_" + name();
    }

    static String codes(Set<AdminRole> roles) {
        return roles.stream().sorted().map(Enum::name).collect(Collectors.joining(","));
    }

    static Set<AdminRole> parse(String codes) {
        Set<AdminRole> roles = EnumSet.noneOf(AdminRole.class);
        if (codes != null && !codes.isBlank()) {
            Arrays.stream(codes.split(",")).map(String::strip).forEach(code -> roles.add(valueOf(code)));
        }
        return roles;
    }
}
