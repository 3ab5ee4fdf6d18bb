package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.DataCategory;

/**
 * One toestemmingsverklaring as stored: which recipients may receive which data categories about one
 * participant, for which purposes, in which period. Its {@link #toString()} leaves out the participant id.
 *
 * @param id               id
 * @param deelnemer        participant id (personal data: never log it)
 * @param versie           version of this verklaring, 1 on registration
 * @param ontvangers       recipient partner ids
 * @param categorieen      data categories
 * @param doelen           purpose codes (see {@link #DOELEN})
 * @param geldigVan        start of validity (inclusive)
 * @param geldigTot        end of validity (exclusive)
 * @param ingetrokkenOp    moment of revocation, or null
 * @param geregistreerdOp  moment of registration
 * @param geregistreerdDoor partner id that registered it
 * @param bewijsHash       SHA-256 (lower-case hex) of the signed paper form, or null
 */
public record Verklaring(
        UUID id,
        String deelnemer,
        int versie,
        Set<String> ontvangers,
        Set<DataCategory> categorieen,
        Set<String> doelen,
        Instant geldigVan,
        Instant geldigTot,
        Instant ingetrokkenOp,
        Instant geregistreerdOp,
        String geregistreerdDoor,
        String bewijsHash) {

    /** The purpose codes a verklaring can name. */
    public static final Set<String> DOELEN = Set.of("re-integratie", "nazorg", "toezicht", "behandeling");

    public Verklaring {
        ontvangers = Set.copyOf(ontvangers);
        categorieen = Set.copyOf(categorieen);
        doelen = Set.copyOf(doelen);
    }

    @Override
    public String toString() {
        return "Verklaring[id=" + id + ", versie=" + versie + ", ontvangers=" + ontvangers + ", categorieen=" + categorieen
                + ", doelen=" + doelen + ", geldigVan=" + geldigVan + ", geldigTot=" + geldigTot
                + ", ingetrokkenOp=" + ingetrokkenOp + "]";
    }
}
