package nl.hvht.ketenpoort.consent;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import nl.hvht.ketenpoort.audit.AuditEvent;
import nl.hvht.ketenpoort.audit.AuditLog;
import nl.hvht.ketenpoort.audit.AuditStep;
import nl.hvht.ketenpoort.audit.Pseudonymizer;
import nl.hvht.ketenpoort.bericht.DataCategory;
import nl.hvht.ketenpoort.bericht.Rejection;
import nl.hvht.ketenpoort.bericht.RejectionCode;
import nl.hvht.ketenpoort.partner.PartnerPrincipal;
import nl.hvht.ketenpoort.partner.PartnerRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers, reads and revokes toestemmingsverklaringen. Only the consent registrar ({@code hvht}) may do
 * so, checked here again after the web layer. Registration and revocation are audit-logged in the same
 * transaction: if the audit record cannot be stored, nothing changes.
 */
@Component
public class ConsentRegistry {

    static final Pattern DEELNEMER = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,39}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    private static final int FIRST_VERSION = 1;

    private final VerklaringStore store;
    private final PartnerRegistry partners;
    private final AuditLog audit;
    private final Pseudonymizer pseudonymizer;
    private final Clock clock;

    @Autowired
    ConsentRegistry(VerklaringStore store, PartnerRegistry partners, AuditLog audit, Pseudonymizer pseudonymizer) {
        this(store, partners, audit, pseudonymizer, Clock.systemUTC());
    }

    ConsentRegistry(VerklaringStore store, PartnerRegistry partners, AuditLog audit, Pseudonymizer pseudonymizer,
            Clock clock) {
        this.store = store;
        this.partners = partners;
        this.audit = audit;
        this.pseudonymizer = pseudonymizer;
        this.clock = clock;
    }

    /**
     * A new verklaring as asked for; codes as in the API.
     *
     * @param deelnemer   participant id, pattern {@code [A-Z0-9][A-Z0-9-]{2,39}}
     * @param ontvangers  recipient partner ids (registry partners), at least one
     * @param categorieen data category codes ({@link DataCategory#code()}), at least one
     * @param doelen      purpose codes ({@link Verklaring#DOELEN}), at least one
     * @param geldigVan   start of validity (inclusive)
     * @param geldigTot   end of validity (exclusive), after {@code geldigVan}
     * @param bewijsHash  SHA-256 hex of the signed paper form, or null
     */
    public record Registratie(
            String deelnemer,
            Set<String> ontvangers,
            Set<String> categorieen,
            Set<String> doelen,
            Instant geldigVan,
            Instant geldigTot,
            String bewijsHash) {

        @Override
        public String toString() {
            return "Registratie[ontvangers=" + ontvangers + ", categorieen=" + categorieen + ", doelen=" + doelen
                    + ", geldigVan=" + geldigVan + ", geldigTot=" + geldigTot + "]";
        }
    }

    /**
     * Validates and stores a new verklaring (version 1), effective from its {@code geldigVan}.
     *
     * @throws Rejection FORBIDDEN if {@code byPartner} is not the consent registrar, VALIDATION_FAILED on
     *                   invalid input
     */
    @Transactional
    public Verklaring register(Registratie registratie, String byPartner) {
        requireRegistrar(byPartner);
        Verklaring verklaring = new Verklaring(
                UUID.randomUUID(),
                validDeelnemer(registratie.deelnemer()),
                FIRST_VERSION,
                validOntvangers(registratie.ontvangers()),
                validCategorieen(registratie.categorieen()),
                validDoelen(registratie.doelen()),
                registratie.geldigVan(),
                registratie.geldigTot(),
                null,
                clock.instant(),
                byPartner,
                validBewijsHash(registratie.bewijsHash()));
        requirePeriod(verklaring);
        store.insert(verklaring);
        audit(AuditStep.CONSENT_REGISTERED, verklaring, byPartner, "OK");
        return verklaring;
    }

    /**
     * Revokes a verklaring at once. Revoking it again changes nothing and keeps the first moment.
     *
     * @return the verklaring with its revocation moment
     * @throws Rejection FORBIDDEN if {@code byPartner} is not the consent registrar, NOT_FOUND if unknown
     */
    @Transactional
    public Verklaring revoke(UUID id, String byPartner) {
        requireRegistrar(byPartner);
        boolean revokedNow = store.revoke(id, clock.instant());
        Verklaring verklaring = store.byId(id).orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND));
        audit(AuditStep.CONSENT_REVOKED, verklaring, byPartner, revokedNow ? "OK" : "AL_INGETROKKEN");
        return verklaring;
    }

    /**
     * One verklaring.
     *
     * @throws Rejection FORBIDDEN if {@code byPartner} is not the consent registrar, NOT_FOUND if unknown
     */
    @Transactional(readOnly = true)
    public Verklaring find(UUID id, String byPartner) {
        requireRegistrar(byPartner);
        return store.byId(id).orElseThrow(() -> new Rejection(RejectionCode.NOT_FOUND));
    }

    private void audit(AuditStep step, Verklaring verklaring, String byPartner, String uitkomst) {
        audit.record(new AuditEvent(UUID.randomUUID().toString(), step, null, null, byPartner, null,
                pseudonymizer.pseudonym(verklaring.deelnemer()), verklaring.categorieen(), uitkomst,
                "toestemming:" + verklaring.id()));
    }

    private static void requireRegistrar(String byPartner) {
        if (!PartnerPrincipal.CONSENT_REGISTRAR_ID.equals(byPartner)) {
            throw new Rejection(RejectionCode.FORBIDDEN, "Alleen de registrerende partner beheert toestemmingsverklaringen.");
        }
    }

    private static String validDeelnemer(String deelnemer) {
        if (deelnemer == null || !DEELNEMER.matcher(deelnemer).matches()) {
            throw invalid("deelnemer heeft geen geldig formaat.");
        }
        return deelnemer;
    }

    private Set<String> validOntvangers(Set<String> ontvangers) {
        requireSome(ontvangers, "ontvangers");
        for (String ontvanger : ontvangers) {
            if (ontvanger == null || partners.byId(ontvanger).isEmpty()) {
                throw invalid("een ontvanger is geen bekende ketenpartner.");
            }
        }
        return ontvangers;
    }

    private static Set<DataCategory> validCategorieen(Set<String> codes) {
        requireSome(codes, "categorieen");
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (String code : codes) {
            categories.add(DataCategory.fromCode(code).orElseThrow(() -> invalid("een categorie is geen geldige code.")));
        }
        return categories;
    }

    private static Set<String> validDoelen(Set<String> doelen) {
        requireSome(doelen, "doelen");
        Set<String> valid = new HashSet<>();
        for (String doel : doelen) {
            if (doel == null || !Verklaring.DOELEN.contains(doel)) {
                throw invalid("een doel is geen geldige code.");
            }
            valid.add(doel);
        }
        return valid;
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

    private static void requirePeriod(Verklaring verklaring) {
        if (verklaring.geldigVan() == null || verklaring.geldigTot() == null) {
            throw invalid("geldigVan en geldigTot zijn verplicht.");
        }
        if (!verklaring.geldigTot().isAfter(verklaring.geldigVan())) {
            throw invalid("geldigTot moet na geldigVan liggen.");
        }
    }

    private static void requireSome(Set<String> values, String field) {
        if (values == null || values.isEmpty()) {
            throw invalid(field + " moet minstens een waarde hebben.");
        }
    }

    private static Rejection invalid(String detail) {
        return new Rejection(RejectionCode.VALIDATION_FAILED, detail);
    }
}
