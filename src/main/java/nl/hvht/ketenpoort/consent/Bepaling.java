package nl.hvht.ketenpoort.consent;

import java.util.List;
import java.util.Set;
import nl.hvht.ketenpoort.bericht.Categorie;

/**
 * A permit provision of a toestemmingsverklaring: these actors may receive these categories for these purposes,
 * in this period, except where a nested {@link Uitzondering} says otherwise.
 *
 * @param actoren        who may receive (at least one)
 * @param categorieen    which data categories (at least one)
 * @param doelen         for which purposes (at least one, from {@link Verklaring#DOELEN})
 * @param periode        when; null = the period of the verklaring's version
 * @param uitzonderingen deny exceptions
 */
public record Bepaling(Set<Actor> actoren, Set<Categorie> categorieen, Set<String> doelen, Periode periode,
        List<Uitzondering> uitzonderingen) {

    public Bepaling {
        actoren = Set.copyOf(actoren);
        categorieen = Set.copyOf(categorieen);
        doelen = Set.copyOf(doelen);
        uitzonderingen = List.copyOf(uitzonderingen);
        if (actoren.isEmpty() || categorieen.isEmpty() || doelen.isEmpty()) {
            throw new IllegalArgumentException("a permit names at least one actor, category and purpose");
        }
    }
}
