package nl.hvht.ketenpoort.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.problem.Rejection;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers, changes, reads and revokes toestemmingsverklaringen: the one service behind the JSON API and the
 * Toestemmingsverklaring and Intrekking messages. Only the consent registrar ({@code hvht}) may do so, checked here
 * again after the web layer. A change registers a new version; a revocation ends the verklaring at once. Both lock
 * the participant's verklaringen and wait for delivery attempts under way ({@link IntrekkingFence}) before they
 * commit. Every change is audit-logged before its transaction commits (a rollback after that is logged too,
 * {@link AuditLog#record}): if the audit record cannot be stored, nothing
 * changes.
 */
@Component
public class ConsentRegistry {

    static final Pattern DEELNEMER = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,39}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** Roles a message can give a recipient (see {@link Actor}). */
    static final Set<String> ROLES = Set.of(Actor.ROL_UITSTROOMGEMEENTE, Actor.ROL_RECLASSERING, Actor.ROL_ZORGPARTNER,
            Actor.ROL_WOONGEMEENTE, Actor.ROL_VRAAGSTELLER);
    private static final int MAX_PERMITS = 20;
    private static final int MAX_DENIES = 20;

    private final VerklaringStore store;
    private final PartnerRegistry partners;
    private final IntrekkingFence fence;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;
    /** Changes: one transaction each (or the caller's). */
    private final TransactionTemplate writes;
    /** Reads: read-only. */
    private final TransactionTemplate reads;

    ConsentRegistry(VerklaringStore store, PartnerRegistry partners, IntrekkingFence fence, AuditLog audit,
            Pseudonymizer pseudonymizer, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.partners = partners;
        this.fence = fence;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.clock = clock;
        this.writes = new TransactionTemplate(transactions);
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
    }

    /**
     * A verklaring (or a new version of one) as asked for; codes as in the API and the messages.
     *
     * @param deelnemer  participant id, pattern {@code [A-Z0-9][A-Z0-9-]{2,39}}
     * @param bepalingen permit provisions, at least one
     * @param geldigVan  start of validity (inclusive)
     * @param geldigTot  end of validity (exclusive), after {@code geldigVan}
     * @param bewijsHash SHA-256 hex of the signed paper form, or null
     * @param bron       berichtId of the Toestemmingsverklaring message that asks for it, or null (the JSON API)
     */
    public record Registratie(String deelnemer, List<BepalingInvoer> bepalingen, Instant geldigVan, Instant geldigTot,
            String bewijsHash, UUID bron) {

        @Override
        public String toString() {
            return "Registratie[bepalingen=" + (bepalingen == null ? 0 : bepalingen.size()) + ", geldigVan=" + geldigVan
                    + ", geldigTot=" + geldigTot + "]";
        }
    }

    /**
     * A permit as asked for.
     *
     * @param actoren        actor codes ({@code partner:<id>}, {@code soort:<kind>}, {@code rol:<role>})
     * @param categorieen    category codes
     * @param doelen         purpose codes
     * @param geldigVan      start, or null for the verklaring's period (then also {@code geldigTot} null)
     * @param geldigTot      end, or null
     * @param uitzonderingen deny exceptions
     */
    public record BepalingInvoer(Set<String> actoren, Set<String> categorieen, Set<String> doelen, Instant geldigVan,
            Instant geldigTot, List<UitzonderingInvoer> uitzonderingen) {
    }

    /** A deny exception as asked for: every field may be empty or null ("as the permit"). */
    public record UitzonderingInvoer(Set<String> actoren, Set<String> categorieen, Set<String> doelen, Instant geldigVan,
            Instant geldigTot) {
    }

    /**
     * Validates and stores a new verklaring (version 1), effective at once within its period.
     *
     * @throws Rejection FORBIDDEN if {@code byPartner} is not the consent registrar, VALIDATION_FAILED on invalid input
     */
    public Verklaring register(Registratie registratie, String byPartner) {
        return writes.execute(status -> registerNow(registratie, byPartner));
    }

    private Verklaring registerNow(Registratie registratie, String byPartner) {
        requireRegistrar(byPartner);
        Optional<Verklaring> done = alreadyRegistered(registratie);
        if (done.isPresent()) {
            return done.get();
        }
        Verklaring verklaring = validated(UUID.randomUUID(), 1, registratie, byPartner);
        // A new verklaring can narrow what others allow (a deny beats every permit): it waits like a change.
        store.lockParticipant(verklaring.deelnemer());
        store.insert(verklaring, registratie.bron());
        audit(AuditStep.CONSENT_REGISTERED, verklaring, byPartner, "OK", "versie 1");
        fence.awaitAttemptsUnderWay(verklaring.deelnemer());
        return verklaring;
    }

    /**
     * Registers a new version of a verklaring. It replaces the version in force from its start: at once when that
     * lies in the past, else at its start ({@code ConsentRules.inForce}). Waits for delivery attempts under way for
     * the participant, as a revocation does, since a change may narrow the consent.
     *
     * @throws Rejection FORBIDDEN, NOT_FOUND, VERKLARING_INGETROKKEN, or VALIDATION_FAILED (also when the
     *                   participant differs from the verklaring's)
     */
    public Verklaring change(UUID id, Registratie registratie, String byPartner) {
        return writes.execute(status -> changeNow(id, registratie, byPartner));
    }

    private Verklaring changeNow(UUID id, Registratie registratie, String byPartner) {
        requireRegistrar(byPartner);
        Optional<Verklaring> done = alreadyRegistered(registratie);
        if (done.isPresent()) {
            return done.get();
        }
        String deelnemer = store.participantOf(id).orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND));
        store.lockParticipant(deelnemer);
        Verklaring current = store.latest(id).orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND));
        if (current.ingetrokkenOp() != null) {
            throw new Rejection(RejectionCode.VERKLARING_INGETROKKEN);
        }
        if (!deelnemer.equals(registratie.deelnemer())) {
            throw invalid("deelnemer hoort niet bij deze toestemmingsverklaring.");
        }
        Verklaring next = validated(id, store.latestVersion(id) + 1, registratie, byPartner);
        store.insert(next, registratie.bron());
        audit(AuditStep.CONSENT_CHANGED, next, byPartner, "OK", "versie " + next.versie());
        fence.awaitAttemptsUnderWay(deelnemer);
        return next;
    }

    /**
     * Revokes a verklaring; it takes effect at the commit, after delivery attempts under way have finished.
     * Revoking it again changes nothing and keeps the first moment.
     *
     * @return the latest version with its revocation moment
     * @throws Rejection FORBIDDEN if {@code byPartner} is not the consent registrar, NOT_FOUND if unknown
     */
    public Verklaring revoke(UUID id, String byPartner) {
        return revoke(id, byPartner, null);
    }

    /**
     * As {@link #revoke(UUID, String)}, for an Intrekking message: the verklaring must be about the participant the
     * message names (else NOT_FOUND, so a message cannot probe other participants' verklaringen).
     */
    public Verklaring revoke(UUID id, String byPartner, String expectedDeelnemer) {
        return writes.execute(status -> revokeNow(id, byPartner, expectedDeelnemer));
    }

    private Verklaring revokeNow(UUID id, String byPartner, String expectedDeelnemer) {
        requireRegistrar(byPartner);
        String deelnemer = store.participantOf(id)
                .filter(found -> expectedDeelnemer == null || found.equals(expectedDeelnemer))
                .orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND));
        store.lockParticipant(deelnemer);
        boolean revokedNow = store.revoke(id, clock.instant());
        Verklaring verklaring = store.latest(id).orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND));
        audit(AuditStep.CONSENT_REVOKED, verklaring, byPartner, revokedNow ? "OK" : "AL_INGETROKKEN", null);
        if (revokedNow) {
            fence.awaitAttemptsUnderWay(deelnemer);
        }
        return verklaring;
    }

    /**
     * The latest version of one verklaring.
     *
     * @throws Rejection FORBIDDEN if {@code byPartner} is not the consent registrar, NOT_FOUND if unknown
     */
    public Verklaring find(UUID id, String byPartner) {
        requireRegistrar(byPartner);
        return reads.execute(status -> store.latest(id)).orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND));
    }

    /** Every version of one verklaring, oldest first. */
    public List<Verklaring> versions(UUID id, String byPartner) {
        requireRegistrar(byPartner);
        List<Verklaring> versions = reads.execute(status -> store.versionsOf(id));
        if (versions.isEmpty()) {
            throw new Rejection(RejectionCode.NOT_FOUND);
        }
        return versions;
    }

    /** The latest version of every verklaring of a participant. */
    public List<Verklaring> ofParticipant(String deelnemer, String byPartner) {
        requireRegistrar(byPartner);
        String valid = validDeelnemer(deelnemer);
        return latestPerId(reads.execute(status -> store.versionsOfParticipant(valid)));
    }

    /** The version a message registered before, if this registration comes from one that was processed already. */
    private Optional<Verklaring> alreadyRegistered(Registratie registratie) {
        return registratie.bron() == null ? Optional.empty() : store.versionFromMessage(registratie.bron());
    }

    static List<Verklaring> latestPerId(List<Verklaring> versions) {
        java.util.Map<UUID, Verklaring> latest = new java.util.LinkedHashMap<>();
        versions.forEach(v -> latest.merge(v.id(), v, (a, b) -> a.versie() >= b.versie() ? a : b));
        return List.copyOf(latest.values());
    }

    private Verklaring validated(UUID id, int versie, Registratie r, String byPartner) {
        if (r.geldigVan() == null || r.geldigTot() == null) {
            throw invalid("geldigVan en geldigTot zijn verplicht.");
        }
        if (!r.geldigTot().isAfter(r.geldigVan())) {
            throw invalid("geldigTot moet na geldigVan liggen.");
        }
        if (r.bepalingen() == null || r.bepalingen().isEmpty() || r.bepalingen().size() > MAX_PERMITS) {
            throw invalid("bepalingen moet 1 tot " + MAX_PERMITS + " bepalingen hebben.");
        }
        List<Bepaling> permits = new ArrayList<>();
        for (BepalingInvoer b : r.bepalingen()) {
            if (b == null) {
                throw invalid("een bepaling is leeg.");
            }
            List<UitzonderingInvoer> denies = b.uitzonderingen() == null ? List.of() : b.uitzonderingen();
            if (denies.size() > MAX_DENIES) {
                throw invalid("een bepaling heeft te veel uitzonderingen.");
            }
            List<Uitzondering> exceptions = new ArrayList<>();
            for (UitzonderingInvoer u : denies) {
                if (u == null) {
                    throw invalid("een uitzondering is leeg.");
                }
                exceptions.add(new Uitzondering(actors(u.actoren(), false), categories(u.categorieen(), false),
                        purposes(u.doelen(), false), periode(u.geldigVan(), u.geldigTot(), r)));
            }
            permits.add(new Bepaling(actors(b.actoren(), true), categories(b.categorieen(), true),
                    purposes(b.doelen(), true), periode(b.geldigVan(), b.geldigTot(), r), exceptions));
        }
        return new Verklaring(id, validDeelnemer(r.deelnemer()), versie, r.geldigVan(), r.geldigTot(), permits, null,
                clock.instant(), byPartner, validBewijsHash(r.bewijsHash()));
    }

    private void audit(AuditStep step, Verklaring verklaring, String byPartner, String uitkomst, String detail) {
        String reason = verklaring.grond().code() + (detail == null ? "" : " " + detail);
        audit.record(new AuditEvent(UUID.randomUUID().toString(), step, null, null, byPartner, null,
                pseudonymizer.pseudonym(verklaring.deelnemer()), verklaring.categorieen(), uitkomst, reason));
    }

    private static void requireRegistrar(String byPartner) {
        if (!PartnerPrincipal.CONSENT_REGISTRAR_ID.equals(byPartner)) {
            throw new Rejection(RejectionCode.FORBIDDEN, "Alleen de registrerende partner beheert toestemmingsverklaringen.");
        }
    }

    static String validDeelnemer(String deelnemer) {
        if (deelnemer == null || !DEELNEMER.matcher(deelnemer).matches()) {
            throw invalid("deelnemer heeft geen geldig formaat.");
        }
        return deelnemer;
    }

    private Set<Actor> actors(Set<String> codes, boolean required) {
        requireSome(codes, "actoren", required);
        Set<Actor> actors = new HashSet<>();
        for (String code : codes == null ? Set.<String>of() : codes) {
            Actor actor;
            try {
                actor = Actor.parse(code);
            } catch (IllegalArgumentException e) {
                throw invalid("een actor is geen partner:<id>, soort:<soort> of rol:<rol>.");
            }
            if (actor.type() == Actor.Type.PARTNER && partners.byId(actor.value()).isEmpty()) {
                throw invalid("een actor is geen bekende ketenpartner.");
            }
            if (actor.type() == Actor.Type.ROL && !ROLES.contains(actor.value())) {
                throw invalid("een actor noemt een onbekende rol.");
            }
            actors.add(actor);
        }
        return actors;
    }

    private static Set<Categorie> categories(Set<String> codes, boolean required) {
        requireSome(codes, "categorieen", required);
        Set<Categorie> categories = EnumSet.noneOf(Categorie.class);
        for (String code : codes == null ? Set.<String>of() : codes) {
            categories.add(Categorie.fromCode(code).orElseThrow(() -> invalid("een categorie is geen geldige code.")));
        }
        return categories;
    }

    private static Set<String> purposes(Set<String> doelen, boolean required) {
        requireSome(doelen, "doelen", required);
        Set<String> valid = new HashSet<>();
        for (String doel : doelen == null ? Set.<String>of() : doelen) {
            if (doel == null || !Verklaring.DOELEN.contains(doel)) {
                throw invalid("een doel is geen geldige code.");
            }
            valid.add(doel);
        }
        return valid;
    }

    /** A provision's own period; a missing start or end is the verklaring's. None at all: null (as its parent). */
    private static Periode periode(Instant van, Instant tot, Registratie r) {
        if (van == null && tot == null) {
            return null;
        }
        Instant start = van == null ? r.geldigVan() : van;
        Instant end = tot == null ? r.geldigTot() : tot;
        if (!end.isAfter(start)) {
            throw invalid("de periode van een bepaling of uitzondering eindigt niet na haar begin.");
        }
        return new Periode(start, end);
    }

    private static String validBewijsHash(String bewijsHash) {
        if (bewijsHash == null) {
            return null;
        }
        if (!SHA256_HEX.matcher(bewijsHash).matches()) {
            throw invalid("bewijsHash is geen SHA-256 in hex (64 tekens).");
        }
        return bewijsHash.toLowerCase(Locale.ROOT);
    }

    private static void requireSome(Set<String> values, String field, boolean required) {
        if (required && (values == null || values.isEmpty())) {
            throw invalid(field + " moet minstens een waarde hebben.");
        }
        if (values != null && values.size() > 100) {
            throw invalid(field + " heeft te veel waarden.");
        }
    }

    private static Rejection invalid(String detail) {
        return new Rejection(RejectionCode.VALIDATION_FAILED, detail);
    }
}
