package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import nl.hvht.ketenpoort.consent.ConsentVerdict.Outcome;
import nl.hvht.ketenpoort.partner.PartnerSoort;

/**
 * A deliberately naive transcription of the README's "The decision" and "Which consent applies", written from that
 * text and not from {@link ConsentRules}: every step is recomputed from scratch for every category with plain loops, and it uses
 * none of the model's helpers ({@code Actor.matches}, {@code Periode.contains}, {@code Verklaring.revokedAt},
 * {@code Verklaring.grond}) so that a slip in those shows up as a difference too. Only for the property tests.
 */
final class ReferenceConsentModel {

    private ReferenceConsentModel() {
    }

    static ConsentVerdict decide(Collection<Verklaring> versions, ConsentRequest request, Instant t) {
        List<Verklaring> effective = effectiveVersions(versions, t);
        Map<Categorie, Outcome> perCategory = new EnumMap<>(Categorie.class);
        for (Categorie c : request.categories()) {
            perCategory.put(c, decideOne(effective, request.recipient(), request.doel(), c, t));
        }
        Outcome base = decideOne(effective, request.recipient(), request.doel(), null, t);
        return new ConsentVerdict(perCategory, base);
    }

    /**
     * Step 0 (README "Which consent applies"): per verklaring id, of its versions registered at or before t, those
     * whose start (geldigVan) is at or before t, sorted by versie, highest first; take the first. If none of them has
     * started, sort them by start, earliest first, and of equal starts by versie, highest first; take the first. A
     * verklaring without a version registered at or before t does not exist at t.
     */
    static List<Verklaring> effectiveVersions(Collection<Verklaring> versions, Instant t) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Verklaring v : versions) {
            ids.add(v.id());
        }
        List<Verklaring> effective = new ArrayList<>();
        for (UUID id : ids) {
            List<Verklaring> registered = new ArrayList<>();
            List<Verklaring> started = new ArrayList<>();
            for (Verklaring v : versions) {
                if (v.id().equals(id) && (v.geregistreerdOp().isBefore(t) || v.geregistreerdOp().equals(t))) {
                    registered.add(v);
                    if (v.geldigVan().compareTo(t) <= 0) {
                        started.add(v);
                    }
                }
            }
            if (!started.isEmpty()) {
                started.sort(Comparator.comparingInt(Verklaring::versie).reversed());
                effective.add(started.get(0));
            } else if (!registered.isEmpty()) {
                registered.sort(Comparator.comparing(Verklaring::geldigVan)
                        .thenComparing(Comparator.comparingInt(Verklaring::versie).reversed()));
                effective.add(registered.get(0));
            }
        }
        return effective;
    }

    /** Steps 1-6 for category c; c == null is the base (step 4 skipped, only category-less denies count). */
    private static Outcome decideOne(List<Verklaring> effective, Ontvanger recipient, String doel, Categorie c,
            Instant t) {
        // 1. candidates: permits with some actor matching the recipient
        List<Verklaring> candidateVersion = new ArrayList<>();
        List<Bepaling> candidates = new ArrayList<>();
        for (Verklaring v : effective) {
            for (Bepaling p : v.bepalingen()) {
                if (someActorMatches(p.actoren(), recipient)) {
                    candidateVersion.add(v);
                    candidates.add(p);
                }
            }
        }
        if (candidates.isEmpty()) {
            return Outcome.denied(DenialReason.NO_CONSENT);
        }

        // 2. live: not revoked at t, version period contains t, own periode (if set) contains t
        List<Verklaring> liveVersion = new ArrayList<>();
        List<Bepaling> live = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (isLive(candidateVersion.get(i), candidates.get(i), t)) {
                liveVersion.add(candidateVersion.get(i));
                live.add(candidates.get(i));
            }
        }
        if (live.isEmpty()) {
            boolean anyRevoked = false;
            for (Verklaring v : candidateVersion) {
                if (revokedAt(v, t)) {
                    anyRevoked = true;
                }
            }
            return Outcome.denied(anyRevoked ? DenialReason.REVOKED : DenialReason.EXPIRED);
        }

        // 3. purposeOk: doel in p.doelen
        List<Verklaring> purposeVersion = new ArrayList<>();
        List<Bepaling> purposeOk = new ArrayList<>();
        for (int i = 0; i < live.size(); i++) {
            if (containsString(live.get(i).doelen(), doel)) {
                purposeVersion.add(liveVersion.get(i));
                purposeOk.add(live.get(i));
            }
        }
        if (purposeOk.isEmpty()) {
            return Outcome.denied(DenialReason.PURPOSE_NOT_COVERED);
        }

        // 4. covering: c in p.categorieen (skipped for the base)
        List<Verklaring> coveringVersion = new ArrayList<>();
        List<Bepaling> covering = new ArrayList<>();
        for (int i = 0; i < purposeOk.size(); i++) {
            if (c == null || containsCategory(purposeOk.get(i).categorieen(), c)) {
                coveringVersion.add(purposeVersion.get(i));
                covering.add(purposeOk.get(i));
            }
        }
        if (covering.isEmpty()) {
            return Outcome.denied(DenialReason.CATEGORY_NOT_COVERED);
        }

        // 5. any deny of any permit in any effective version that covers (recipient, doel, t, c)
        for (Verklaring v : effective) {
            for (Bepaling q : v.bepalingen()) {
                for (Uitzondering d : q.uitzonderingen()) {
                    if (denyCovers(v, q, d, recipient, doel, c, t)) {
                        return Outcome.denied(DenialReason.DENIED_BY_EXCEPTION);
                    }
                }
            }
        }

        // 6. allowed: (verklaringId, versie) of the versions of the covering permits
        Set<Grondslag> grounds = new TreeSet<>();
        for (Verklaring v : coveringVersion) {
            grounds.add(new Grondslag(Grondslag.Soort.TOESTEMMING, v.id(), v.versie(), null));
        }
        return Outcome.allowed(grounds);
    }

    private static boolean denyCovers(Verklaring v, Bepaling q, Uitzondering d, Ontvanger recipient, String doel,
            Categorie c, Instant t) {
        boolean parentApplies = isLive(v, q, t)
                && someActorMatches(q.actoren(), recipient)
                && containsString(q.doelen(), doel)
                && (c == null || containsCategory(q.categorieen(), c));
        boolean actorNarrows = d.actoren().isEmpty() || someActorMatches(d.actoren(), recipient);
        boolean doelNarrows = d.doelen().isEmpty() || containsString(d.doelen(), doel);
        boolean categoryNarrows = c == null
                ? d.categorieen().isEmpty() // base: only a deny without categories of its own counts
                : d.categorieen().isEmpty() || containsCategory(d.categorieen(), c);
        boolean periodNarrows = d.periode() == null || periodContains(d.periode().van(), d.periode().tot(), t);
        return parentApplies && actorNarrows && doelNarrows && categoryNarrows && periodNarrows;
    }

    private static boolean isLive(Verklaring v, Bepaling p, Instant t) {
        boolean notRevoked = !revokedAt(v, t);
        boolean versionPeriod = periodContains(v.geldigVan(), v.geldigTot(), t);
        boolean ownPeriod = p.periode() == null || periodContains(p.periode().van(), p.periode().tot(), t);
        return notRevoked && versionPeriod && ownPeriod;
    }

    /** Revoked at t: ingetrokkenOp != null and not after t (spec: live needs ingetrokkenOp == null || > t). */
    private static boolean revokedAt(Verklaring v, Instant t) {
        if (v.ingetrokkenOp() == null) {
            return false;
        }
        return !(v.ingetrokkenOp().compareTo(t) > 0);
    }

    /** van inclusive, tot exclusive. */
    private static boolean periodContains(Instant van, Instant tot, Instant t) {
        return van.compareTo(t) <= 0 && t.compareTo(tot) < 0;
    }

    private static boolean someActorMatches(Set<Actor> actors, Ontvanger recipient) {
        for (Actor a : actors) {
            String code = a.code();
            if (code.equals("partner:" + recipient.id())) {
                return true;
            }
            for (PartnerSoort kind : PartnerSoort.values()) {
                if (kind == recipient.soort() && code.equals("soort:" + kind.name().toLowerCase(java.util.Locale.ROOT))) {
                    return true;
                }
            }
            for (String role : recipient.roles()) {
                if (code.equals("rol:" + role)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean containsString(Set<String> set, String value) {
        for (String s : set) {
            if (s.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsCategory(Set<Categorie> set, Categorie value) {
        for (Categorie s : set) {
            if (s == value) {
                return true;
            }
        }
        return false;
    }
}
