package nl.hvht.ketenpoort.consent;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;

/**
 * What {@link ConsentRules} decided for one recipient: per requested category, and for the message as such
 * (the base, which decides a message without categories), either the grounds that allow it or the reason why
 * not.
 *
 * @param perCategory outcome per requested category
 * @param base        outcome for the message itself, regardless of categories
 */
public record ConsentVerdict(Map<Categorie, Outcome> perCategory, Outcome base) {

    public ConsentVerdict {
        perCategory = Collections.unmodifiableMap(perCategory.isEmpty()
                ? new EnumMap<>(Categorie.class) : new EnumMap<>(perCategory));
    }

    /**
     * Allowed (with its grounds, never empty) or denied (with its reason).
     *
     * @param grounds the verklaring versions that allow it; empty when denied
     * @param reason  null when allowed
     */
    public record Outcome(SortedSet<Grondslag> grounds, DenialReason reason) {

        public Outcome {
            grounds = Collections.unmodifiableSortedSet(new TreeSet<>(grounds));
            if ((reason == null) == grounds.isEmpty()) {
                throw new IllegalArgumentException("an outcome has grounds or a reason, not both");
            }
        }

        public static Outcome allowed(Set<Grondslag> grounds) {
            return new Outcome(new TreeSet<>(grounds), null);
        }

        public static Outcome denied(DenialReason reason) {
            return new Outcome(new TreeSet<>(), reason);
        }

        public boolean allowed() {
            return reason == null;
        }
    }
}
