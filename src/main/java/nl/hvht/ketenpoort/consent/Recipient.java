package nl.hvht.ketenpoort.consent;

import java.util.Objects;
import java.util.Set;
import nl.hvht.ketenpoort.partner.PartnerSoort;

/**
 * A recipient as consent sees it: its partner id, its kind, and the roles the message gives it (for example
 * {@link Actor#ROL_UITSTROOMGEMEENTE} for the municipality an overdracht names).
 *
 * @param id    partner id
 * @param kind  kind of partner
 * @param roles role codes for this message
 */
public record Recipient(String id, PartnerSoort kind, Set<String> roles) {

    public Recipient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        roles = Set.copyOf(roles);
    }
}
