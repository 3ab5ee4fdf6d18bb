package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;

/**
 * One version of a toestemmingsverklaring: which actors may receive which data categories about one participant,
 * for which purposes, in which period ({@link Bepaling}s with deny {@link Uitzondering}s). A change registers a
 * new version with the same id; revocation ends the whole verklaring (every version) at once. Its
 * {@link #toString()} leaves out the participant id.
 *
 * @param id                id, the same for every version
 * @param deelnemer         participant id (personal data: never log it)
 * @param versie            version, 1 on registration
 * @param geldigVan         start of validity of this version (inclusive)
 * @param geldigTot         end of validity of this version (exclusive)
 * @param bepalingen        permit provisions (at least one)
 * @param ingetrokkenOp     moment the verklaring was revoked, or null
 * @param geregistreerdOp   moment this version was registered
 * @param geregistreerdDoor partner id that registered this version
 * @param bewijsHash        SHA-256 (lower-case hex) of the signed paper form, or null
 */
public record Verklaring(
        UUID id,
        String deelnemer,
        int versie,
        Instant geldigVan,
        Instant geldigTot,
        List<Bepaling> bepalingen,
        Instant ingetrokkenOp,
        Instant geregistreerdOp,
        String geregistreerdDoor,
        String bewijsHash) {

    /** The purpose codes a verklaring can name. */
    public static final Set<String> DOELEN = Set.of("re-integratie", "nazorg", "toezicht", "behandeling");

    public Verklaring {
        bepalingen = List.copyOf(bepalingen);
    }

    /** The version's period. */
    public Periode periode() {
        return new Periode(geldigVan, geldigTot);
    }

    /** True if revoked at or before {@code t}: a revocation takes effect at its moment. */
    public boolean revokedAt(Instant t) {
        return ingetrokkenOp != null && !ingetrokkenOp.isAfter(t);
    }

    /** Every category named in a permit. */
    public Set<Categorie> categorieen() {
        Set<Categorie> categories = new LinkedHashSet<>();
        bepalingen.forEach(b -> categories.addAll(b.categorieen()));
        return categories;
    }

    /** The ground this version gives. */
    public Grondslag grond() {
        return Grondslag.toestemming(id, versie);
    }

    @Override
    public String toString() {
        return "Verklaring[id=" + id + ", versie=" + versie + ", bepalingen=" + bepalingen.size() + ", geldigVan=" + geldigVan
                + ", geldigTot=" + geldigTot + ", ingetrokkenOp=" + ingetrokkenOp + "]";
    }
}
