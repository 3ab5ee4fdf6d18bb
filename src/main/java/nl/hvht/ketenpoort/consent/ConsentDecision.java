package nl.hvht.ketenpoort.consent;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.bericht.VerstrekkingGrondslag;
import nl.hvht.ketenpoort.bericht.Verstrekking;

/**
 * The outcome for one message and one recipient: delivered (with the categories withheld from this recipient's
 * copy, and the grounds it goes out on) or withheld as a whole (with the reason).
 *
 * @param allowed  true if the recipient gets the message (perhaps with sections withheld)
 * @param withheld categories removed from this recipient's copy (empty when denied)
 * @param grounds  the grounds the copy goes out on; empty when denied
 * @param reason   null when allowed; else why the message is withheld from this recipient
 */
public record ConsentDecision(boolean allowed, Set<Categorie> withheld, SortedSet<Grondslag> grounds, DenialReason reason) {

    public ConsentDecision {
        withheld = withheld.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(withheld));
        grounds = Collections.unmodifiableSortedSet(new TreeSet<>(grounds));
        if (allowed == grounds.isEmpty() || allowed == (reason != null)) {
            throw new IllegalArgumentException("an allowed decision has grounds and no reason; a denial the reverse");
        }
    }

    /** The outcome word of a decision, as the consent log and the audit log store it. Stored by name: never rename. */
    public enum Uitkomst {
        ALLOWED, DENIED
    }

    /** {@link Uitkomst#ALLOWED} or {@link Uitkomst#DENIED}. */
    public Uitkomst uitkomst() {
        return allowed ? Uitkomst.ALLOWED : Uitkomst.DENIED;
    }

    public static ConsentDecision allowed(Set<Grondslag> grounds, Set<Categorie> withheld) {
        return new ConsentDecision(true, withheld, new TreeSet<>(grounds), null);
    }

    public static ConsentDecision denied(DenialReason reason) {
        return new ConsentDecision(false, Set.of(), new TreeSet<>(), reason);
    }

    /** The grounds (allowed) or the reason (denied), in the form stored in the audit and consent logs. */
    public String ground() {
        return allowed ? grounds.stream().map(Grondslag::code).collect(Collectors.joining(",")) : reason.name();
    }

    /** The first verklaring this copy goes out under, if any (for the ledger's reference column). */
    public Optional<Grondslag> firstConsent() {
        return grounds.stream().filter(g -> g.soort() == Grondslag.Soort.TOESTEMMING).findFirst();
    }

    /** What the recipient's copy says about the grounds it goes out on (allowed decisions only). */
    public Verstrekking verstrekking(String ontvanger) {
        return new Verstrekking(ontvanger, grounds.stream().map(ConsentDecision::grondslag).toList());
    }

    private static VerstrekkingGrondslag grondslag(Grondslag grond) {
        return switch (grond.soort()) {
            case TOESTEMMING -> VerstrekkingGrondslag.toestemming(grond.id(), grond.versie());
            case WETTELIJKE_TAAK -> VerstrekkingGrondslag.wettelijkeTaak(grond.naam());
            case DOORBRAAK -> VerstrekkingGrondslag.doorbraak(grond.id());
        };
    }

    /** Withheld categories as sorted codes, comma-separated ("" if none). */
    public String withheldCodes() {
        return withheld.stream().map(Categorie::code).sorted().collect(Collectors.joining(","));
    }

    /** Why a recipient may not receive (a part of) a message. Stored by name: never rename. */
    public enum DenialReason {
        /** No verklaring for this participant names this recipient. */
        NO_CONSENT,
        /** The verklaring that named the recipient was revoked. */
        REVOKED,
        /** The verklaring's (or provision's) period has ended or not started. */
        EXPIRED,
        /** A current verklaring names the recipient and the purpose but not this data category. */
        CATEGORY_NOT_COVERED,
        /** A current verklaring names the recipient but not this purpose. */
        PURPOSE_NOT_COVERED,
        /** A deny exception in a verklaring of the participant covers it (a deny beats every permit). */
        DENIED_BY_EXCEPTION,
        /** The check itself failed; we fail closed. */
        CHECK_FAILED
    }
}
