package nl.hvht.ketenpoort.admin;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Half a login: the password was right, the TOTP code is still due. Carries only the authority {@link #AUTHORITY}
 * (which opens nothing but the code page); the full authentication with the roles is held until the code is right.
 */
final class PasswordVerified extends AbstractAuthenticationToken {

    static final String AUTHORITY = "FACTOR_WACHTWOORD";
    private static final long serialVersionUID = 1L;

    private final Authentication full;

    PasswordVerified(Authentication full) {
        super(List.of(new SimpleGrantedAuthority(AUTHORITY)));
        this.full = full;
        setAuthenticated(true);
    }

    /** The authentication with the administrator's roles, for once the code is right. */
    Authentication full() {
        return full;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public Object getPrincipal() {
        return full.getName();
    }
}
