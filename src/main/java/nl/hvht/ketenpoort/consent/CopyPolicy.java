package nl.hvht.ketenpoort.consent;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.consent.ConsentDecision.DenialReason;
import nl.hvht.ketenpoort.consent.ConsentVerdict.Outcome;
import org.springframework.stereotype.Component;

/**
 * What one recipient's copy of a message may hold: the categories a configured legal task covers for this flow,
 * plus those the participant's verklaringen allow; the rest is withheld section by section when the message
 * type allows that ({@link ConsentProperties#optionalCategories}), else the whole message is withheld. A message of
 * which no category may go, and a message without categories that has no ground, is withheld too.
 */
@Component
class CopyPolicy {

    private final ConsentProperties properties;
    /** The legal tasks of {@code ketenpoort.consent.wettelijke-taken}, then those of every {@link WettelijkeTaakSource}. */
    private final List<ConsentProperties.WettelijkeTaak> tasks;

    CopyPolicy(ConsentProperties properties) {
        this(properties, List.of());
    }

    @org.springframework.beans.factory.annotation.Autowired
    CopyPolicy(ConsentProperties properties, List<WettelijkeTaakSource> sources) {
        this.properties = properties;
        List<ConsentProperties.WettelijkeTaak> all = new ArrayList<>(properties.wettelijkeTaken());
        Set<String> own = new java.util.HashSet<>();
        properties.wettelijkeTaken().forEach(task -> own.add(task.naam()));
        for (WettelijkeTaakSource source : sources) {
            for (ConsentProperties.WettelijkeTaak task : source.legalTasks()) {
                if (own.contains(task.naam())) {
                    throw new IllegalStateException("legal task " + task.naam()
                            + " is configured twice: in ketenpoort.consent.wettelijke-taken and by " + source.getClass().getSimpleName());
                }
                all.add(task);
            }
        }
        this.tasks = List.copyOf(all);
    }

    /** The categories of the message that no legal task covers for this flow: these need consent. */
    Set<Categorie> needsConsent(ConsentGate.Check check) {
        Set<Categorie> rest = check.categories().isEmpty() ? EnumSet.noneOf(Categorie.class)
                : EnumSet.copyOf(check.categories());
        rest.removeAll(legalCategories(check));
        return rest;
    }

    /** Combines legal tasks, the verdict and the redaction policy into the decision for this recipient. */
    ConsentDecision decide(ConsentGate.Check check, ConsentVerdict verdict) {
        if (check.doorbraak() != null) {
            return ConsentDecision.allowed(Set.of(check.doorbraak()), Set.of());
        }
        SortedSet<Grondslag> grounds = new TreeSet<>();
        Set<Categorie> legal = EnumSet.noneOf(Categorie.class);
        for (ConsentProperties.WettelijkeTaak task : tasksFor(check)) {
            Set<Categorie> covered = EnumSet.noneOf(Categorie.class);
            covered.addAll(task.categories());
            covered.retainAll(check.categories());
            if (!covered.isEmpty() || check.categories().isEmpty()) {
                grounds.add(Grondslag.wettelijkeTaak(task.naam()));
                legal.addAll(covered);
            }
        }
        if (check.categories().isEmpty()) {
            if (!grounds.isEmpty()) {
                return ConsentDecision.allowed(grounds, Set.of());
            }
            Outcome base = verdict.base();
            return base.allowed() ? ConsentDecision.allowed(base.grounds(), Set.of()) : ConsentDecision.denied(base.reason());
        }
        Set<Categorie> required = EnumSet.copyOf(check.categories());
        required.removeAll(properties.optionalCategories(check.berichtType()));
        Set<Categorie> withheld = EnumSet.noneOf(Categorie.class);
        DenialReason firstRequired = null;
        DenialReason first = null;
        for (Categorie category : EnumSet.copyOf(check.categories())) {
            if (legal.contains(category)) {
                continue;
            }
            Outcome outcome = verdict.perCategory().get(category);
            if (outcome != null && outcome.allowed()) {
                grounds.addAll(outcome.grounds());
                continue;
            }
            DenialReason reason = outcome == null ? DenialReason.CHECK_FAILED : outcome.reason();
            withheld.add(category);
            first = first == null ? reason : first;
            if (required.contains(category) && firstRequired == null) {
                firstRequired = reason;
            }
        }
        if (firstRequired != null) {
            return ConsentDecision.denied(firstRequired);
        }
        if (withheld.size() == check.categories().size()) {
            return ConsentDecision.denied(first);
        }
        return ConsentDecision.allowed(grounds, withheld);
    }

    private Set<Categorie> legalCategories(ConsentGate.Check check) {
        Set<Categorie> legal = EnumSet.noneOf(Categorie.class);
        tasksFor(check).forEach(task -> legal.addAll(task.categories()));
        return legal;
    }

    private List<ConsentProperties.WettelijkeTaak> tasksFor(ConsentGate.Check check) {
        return tasks.stream()
                .filter(task -> task.berichtType().equalsIgnoreCase(check.berichtType()))
                .filter(task -> task.doel() == null || task.doel().equals(check.doel()))
                .filter(task -> task.parsedActor().matches(check.recipient()))
                .toList();
    }
}
