package nl.hvht.ketenpoort.partner;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * The authenticated caller of the partner API: the registry partner whose client certificate carries its
 * OIN, or the gateway itself (its own certificate, used to call the demo receiver). Controllers take it
 * with {@code @AuthenticationPrincipal PartnerPrincipal caller}.
 */
public final class PartnerPrincipal extends User {

    /** Role of every registry partner. */
    public static final String ROLE_PARTNER = "ROLE_PARTNER";
    /** Role of the partner that registers and revokes toestemmingsverklaringen ({@code hvht}). */
    public static final String ROLE_CONSENT_REGISTRAR = "ROLE_CONSENT_REGISTRAR";
    /** Role of the gateway's own certificate. */
    public static final String ROLE_GATEWAY = "ROLE_GATEWAY";

    /** Partner id of the one partner that registers consent. */
    public static final String CONSENT_REGISTRAR_ID = "hvht";

    private final transient Partner partner;

    private PartnerPrincipal(String name, Partner partner, Collection<? extends GrantedAuthority> authorities) {
        super(name, "", authorities);
        this.partner = partner;
    }

    public static PartnerPrincipal of(Partner partner) {
        List<GrantedAuthority> roles = CONSENT_REGISTRAR_ID.equals(partner.id())
                ? List.of(new SimpleGrantedAuthority(ROLE_PARTNER), new SimpleGrantedAuthority(ROLE_CONSENT_REGISTRAR))
                : List.of(new SimpleGrantedAuthority(ROLE_PARTNER));
        return new PartnerPrincipal(partner.id(), partner, roles);
    }

    public static PartnerPrincipal gateway() {
        return new PartnerPrincipal("ketenpoort", null, List.of(new SimpleGrantedAuthority(ROLE_GATEWAY)));
    }

    /** The partner, or null for the gateway itself. */
    public Partner partner() {
        return partner;
    }

    /** The partner id (or {@code ketenpoort} for the gateway). */
    public String id() {
        return getUsername();
    }
}
