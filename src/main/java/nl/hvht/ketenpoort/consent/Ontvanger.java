package nl.hvht.ketenpoort.consent;

import java.util.Objects;
import java.util.Set;
import nl.hvht.ketenpoort.partner.PartnerSoort;

/**
 * A recipient as consent sees it: its partner id, its soort, and the roles the message gives it (for example
 * {@link Actor#ROL_UITSTROOMGEMEENTE} for the municipality an overdracht names).
 *
 * @param id    partner id
 * @param soort the partner's soort (registry key {@code soort})
 * @param roles role codes for this message
 */
public record Ontvanger(String id, PartnerSoort soort, Set<String> roles) {

    public Ontvanger {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(soort, "soort");
        roles = Set.copyOf(roles);
    }
}
