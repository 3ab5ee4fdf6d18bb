package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import nl.hvht.ketenpoort.consent.ConsentVerdict.Outcome;

/**
 * The consent decision itself, free of storage and clocks. Per requested category, in this order: no permit names the recipient → NO_CONSENT; none of those is
 * live at {@code t} (verklaring revoked, version or provision period not containing {@code t}) → REVOKED if a
 * verklaring was revoked, else EXPIRED; none covers the purpose → PURPOSE_NOT_COVERED; none covers the category →
 * CATEGORY_NOT_COVERED; a deny exception of any live permit covers it → DENIED_BY_EXCEPTION (a deny always beats
 * a permit); else allowed on the versions whose permits cover it. Only the version of each verklaring in force at
 * {@code t} counts ({@link #inForce}).
 */
final class ConsentRules {

    private ConsentRules() {
    }

    static ConsentVerdict decide(Collection<Verklaring> versions, ConsentRequest request, Instant t) {
        Ontvanger recipient = request.recipient();
        String doel = request.doel();
        List<Permit> candidates = new ArrayList<>();
        for (Verklaring v : inForce(versions, t)) {
            for (Bepaling b : v.bepalingen()) {
                if (matchesAny(b.actoren(), recipient)) {
                    candidates.add(new Permit(v, b));
                }
            }
        }
        List<Permit> live = candidates.stream().filter(p -> p.liveAt(t)).toList();
        List<Permit> forPurpose = live.stream().filter(p -> doel != null && p.bepaling().doelen().contains(doel)).toList();

        Map<Categorie, Outcome> perCategory = new EnumMap<>(Categorie.class);
        for (Categorie category : request.categories()) {
            perCategory.put(category, outcome(candidates, live, forPurpose, category, recipient, doel, t));
        }
        return new ConsentVerdict(perCategory, outcome(candidates, live, forPurpose, null, recipient, doel, t));
    }

    /** The outcome for one category, or for the base when {@code category} is null. */
    private static Outcome outcome(List<Permit> candidates, List<Permit> live, List<Permit> forPurpose,
            Categorie category, Ontvanger recipient, String doel, Instant t) {
        if (candidates.isEmpty()) {
            return Outcome.denied(DenialReason.NO_CONSENT);
        }
        if (live.isEmpty()) {
            boolean revoked = candidates.stream().anyMatch(p -> p.verklaring().revokedAt(t));
            return Outcome.denied(revoked ? DenialReason.REVOKED : DenialReason.EXPIRED);
        }
        if (forPurpose.isEmpty()) {
            return Outcome.denied(DenialReason.PURPOSE_NOT_COVERED);
        }
        List<Permit> covering = category == null ? forPurpose
                : forPurpose.stream().filter(p -> p.bepaling().categorieen().contains(category)).toList();
        if (covering.isEmpty()) {
            return Outcome.denied(DenialReason.CATEGORY_NOT_COVERED);
        }
        // Denies are looked for among all live permits naming the recipient; each narrows its own permit's scope.
        for (Permit permit : live) {
            if (permit.denies(recipient, doel, category, t)) {
                return Outcome.denied(DenialReason.DENIED_BY_EXCEPTION);
            }
        }
        Set<Grondslag> grounds = new HashSet<>();
        covering.forEach(p -> grounds.add(p.verklaring().grond()));
        return Outcome.allowed(grounds);
    }

    /**
     * Per verklaring the version in force at {@code t}. Of its versions registered at or before {@code t}: the
     * highest whose start ({@code geldigVan}) is at or before {@code t}; a version registered with a start in the
     * future leaves the one before it in force until that start. If none has started yet, the one that starts
     * first (of equal starts the highest): it is in force but not yet valid, so what it names is EXPIRED. A
     * revocation is not a version: it ends every version of the verklaring at its moment ({@link Verklaring#revokedAt}).
     */
    static Collection<Verklaring> inForce(Collection<Verklaring> versions, Instant t) {
        Map<UUID, Verklaring> current = new HashMap<>();
        for (Verklaring v : versions) {
            if (!v.geregistreerdOp().isAfter(t)) {
                current.merge(v.id(), v, (a, b) -> inForceOf(a, b, t));
            }
        }
        return current.values();
    }

    /**
     * Of two registered versions of one verklaring, the one {@link #inForce} prefers at {@code t}: a total order, so
     * the version in force does not depend on the order they are read in. {@code VerklaringStore.candidatesInForce}
     * leaves out the versions this order can never prefer: change the two together.
     */
    private static Verklaring inForceOf(Verklaring a, Verklaring b, Instant t) {
        boolean aStarted = !a.geldigVan().isAfter(t);
        boolean bStarted = !b.geldigVan().isAfter(t);
        if (aStarted != bStarted) {
            return aStarted ? a : b;
        }
        int start = aStarted ? 0 : a.geldigVan().compareTo(b.geldigVan());
        if (start != 0) {
            return start < 0 ? a : b;
        }
        return a.versie() >= b.versie() ? a : b;
    }

    private static boolean matchesAny(Set<Actor> actors, Ontvanger recipient) {
        for (Actor actor : actors) {
            if (actor.matches(recipient)) {
                return true;
            }
        }
        return false;
    }

    /** A permit provision with the version it belongs to. */
    private record Permit(Verklaring verklaring, Bepaling bepaling) {

        boolean liveAt(Instant t) {
            return !verklaring.revokedAt(t) && verklaring.periode().contains(t)
                    && (bepaling.periode() == null || bepaling.periode().contains(t));
        }

        /**
         * True if a deny exception of this (live, recipient-matching) permit covers the question. For the base
         * ({@code category} null) only an exception that names no categories of its own counts: it withholds
         * everything the permit gives.
         */
        boolean denies(Ontvanger recipient, String doel, Categorie category, Instant t) {
            if (doel == null || !bepaling.doelen().contains(doel)
                    || (category != null && !bepaling.categorieen().contains(category))) {
                return false;
            }
            for (Uitzondering deny : bepaling.uitzonderingen()) {
                boolean actorIn = deny.actoren().isEmpty() || matchesAny(deny.actoren(), recipient);
                boolean doelIn = deny.doelen().isEmpty() || deny.doelen().contains(doel);
                boolean categoryIn = category == null ? deny.categorieen().isEmpty()
                        : deny.categorieen().isEmpty() || deny.categorieen().contains(category);
                boolean timeIn = deny.periode() == null || deny.periode().contains(t);
                if (actorIn && doelIn && categoryIn && timeIn) {
                    return true;
                }
            }
            return false;
        }
    }
}
