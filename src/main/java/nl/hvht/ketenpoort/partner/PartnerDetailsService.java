package nl.hvht.ketenpoort.partner;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/** Maps the OIN of an authenticated client certificate to a partner (or to the gateway itself). */
@Component
class PartnerDetailsService implements UserDetailsService {

    private final PartnerRegistry registry;

    PartnerDetailsService(PartnerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public UserDetails loadUserByUsername(String oin) {
        if (registry.gatewayOin().equals(oin)) {
            return PartnerPrincipal.gateway();
        }
        return registry.byOin(oin).map(PartnerPrincipal::of)
                .orElseThrow(() -> new UsernameNotFoundException("no partner with this OIN"));
    }
}
