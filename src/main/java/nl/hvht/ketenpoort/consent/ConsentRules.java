package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import nl.hvht.ketenpoort.bericht.DataCategory;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;

/**
 * The consent decision itself, free of storage and clocks: given the verklaringen of one participant,
 * may this recipient receive these categories for this purpose at this moment?
 *
 * <p>Allowed only when one verklaring, not revoked at that moment and valid then
 * ({@code geldigVan <= at < geldigTot}), covers the recipient, every category and the purpose; of several,
 * the latest registered is named (then the highest id, so the choice is deterministic). Otherwise the most
 * informative reason among the verklaringen for this recipient: a current one that misses only the purpose
 * gives {@code PURPOSE_NOT_COVERED}, a current one that misses a category {@code CATEGORY_NOT_COVERED};
 * else a revoked one {@code REVOKED}; else one outside its period {@code EXPIRED}; else {@code NO_CONSENT}.
 */
final class ConsentRules {

    /** Latest registered first; ties broken by id. */
    private static final Comparator<Verklaring> LATEST_FIRST = Comparator.comparing(Verklaring::geregistreerdOp)
            .thenComparing(Verklaring::id)
            .reversed();

    private ConsentRules() {
    }

    static ConsentDecision decide(Collection<Verklaring> verklaringen, String ontvanger, Set<DataCategory> categories,
            String doel, Instant at) {
        List<Verklaring> forRecipient = verklaringen.stream()
                .filter(v -> ontvanger != null && v.ontvangers().contains(ontvanger))
                .sorted(LATEST_FIRST)
                .toList();
        List<Verklaring> current = forRecipient.stream()
                .filter(v -> !revokedAt(v, at) && validAt(v, at))
                .toList();
        for (Verklaring v : current) {
            if (coversCategories(v, categories) && coversPurpose(v, doel)) {
                return ConsentDecision.allowedBy(v.id());
            }
        }
        if (current.stream().anyMatch(v -> coversCategories(v, categories))) {
            return ConsentDecision.denied(DenialReason.PURPOSE_NOT_COVERED);
        }
        if (!current.isEmpty()) {
            return ConsentDecision.denied(DenialReason.CATEGORY_NOT_COVERED);
        }
        if (forRecipient.stream().anyMatch(v -> revokedAt(v, at))) {
            return ConsentDecision.denied(DenialReason.REVOKED);
        }
        if (!forRecipient.isEmpty()) {
            return ConsentDecision.denied(DenialReason.EXPIRED);
        }
        return ConsentDecision.denied(DenialReason.NO_CONSENT);
    }

    /** Revocation takes effect at its moment: revoked at exactly {@code at} counts as revoked. */
    private static boolean revokedAt(Verklaring v, Instant at) {
        return v.ingetrokkenOp() != null && !v.ingetrokkenOp().isAfter(at);
    }

    private static boolean validAt(Verklaring v, Instant at) {
        return !v.geldigVan().isAfter(at) && at.isBefore(v.geldigTot());
    }

    private static boolean coversCategories(Verklaring v, Set<DataCategory> categories) {
        return v.categorieen().containsAll(categories);
    }

    private static boolean coversPurpose(Verklaring v, String doel) {
        return doel != null && v.doelen().contains(doel);
    }
}
