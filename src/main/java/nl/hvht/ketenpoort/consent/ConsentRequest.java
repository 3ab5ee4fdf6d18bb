package nl.hvht.ketenpoort.consent;

import java.util.Objects;
import java.util.Set;
import nl.hvht.ketenpoort.bericht.Categorie;

/**
 * The question put to {@link ConsentRules}: may this recipient receive these categories for this purpose?
 *
 * @param recipient  the recipient with its kind and roles for this message
 * @param categories data categories in the message (may be empty)
 * @param doel       purpose code from the envelope
 */
public record ConsentRequest(Ontvanger recipient, Set<Categorie> categories, String doel) {

    public ConsentRequest {
        Objects.requireNonNull(recipient, "recipient");
        categories = Set.copyOf(categories);
    }
}
