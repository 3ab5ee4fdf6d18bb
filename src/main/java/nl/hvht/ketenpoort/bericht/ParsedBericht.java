package nl.hvht.ketenpoort.bericht;

import java.util.Set;
import nl.hvht.ketenpoort.bericht.v1.Bericht;

/**
 * A message that passed the hardened parser and XSD validation.
 *
 * @param xml        the exact bytes that were validated (these are what gets signed and delivered)
 * @param bericht    the JAXB binding of those bytes
 * @param envelope   the envelope fields
 * @param categories data categories of the body sections present in the message
 */
public record ParsedBericht(byte[] xml, Bericht bericht, BerichtEnvelop envelope, Set<Categorie> categories) {

    public ParsedBericht {
        categories = Set.copyOf(categories);
    }

    @Override
    public String toString() {
        return "ParsedBericht[" + envelope + ", categories=" + categories + ", bytes=" + xml.length + "]";
    }
}
