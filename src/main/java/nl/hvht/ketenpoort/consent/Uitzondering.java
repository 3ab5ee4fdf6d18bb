package nl.hvht.ketenpoort.consent;

import java.util.Set;
import nl.hvht.ketenpoort.bericht.Categorie;

/**
 * A deny exception nested in a permit ({@link Bepaling}), as in HL7 FHIR Consent. Each empty dimension (or a
 * null period) means "as the permit it is nested in"; a given one narrows the exception to the permit's scope
 * intersected with its own. A deny always beats a permit, in any verklaring of the participant.
 *
 * @param actoren     actors it applies to; empty = the permit's actors
 * @param categorieen categories it withholds; empty = the permit's categories
 * @param doelen      purposes it applies to; empty = the permit's purposes
 * @param periode     when it applies; null = whenever the permit does
 */
public record Uitzondering(Set<Actor> actoren, Set<Categorie> categorieen, Set<String> doelen, Periode periode) {

    public Uitzondering {
        actoren = Set.copyOf(actoren);
        categorieen = Set.copyOf(categorieen);
        doelen = Set.copyOf(doelen);
    }
}
