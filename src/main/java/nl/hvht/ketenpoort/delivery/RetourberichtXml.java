package nl.hvht.ketenpoort.delivery;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.bericht.v1.Bericht;
import nl.hvht.ketenpoort.bericht.v1.BerichtType;
import nl.hvht.ketenpoort.bericht.v1.CategorieCode;
import nl.hvht.ketenpoort.bericht.v1.Doel;
import nl.hvht.ketenpoort.bericht.v1.Envelop;
import nl.hvht.ketenpoort.bericht.v1.Inhoud;
import nl.hvht.ketenpoort.bericht.v1.Ontvangeruitkomst;
import nl.hvht.ketenpoort.bericht.v1.Retourbericht;
import nl.hvht.ketenpoort.bericht.v1.Retourstatus;
import nl.hvht.ketenpoort.bericht.v1.Samenvattingscode;
import nl.hvht.ketenpoort.bericht.v1.Uitkomstcode;
import nl.hvht.ketenpoort.bericht.v1.Uitkomststatus;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import nl.hvht.ketenpoort.partner.PartnerRegistry;

/**
 * The gateway's Retourbericht for a message whose recipients have all settled, as XML (the generated JAXB classes of
 * {@code retourbericht.xsd}): afzender {@value PartnerRegistry#GATEWAY_ID}, to the original sender, about the same
 * participant and purpose, {@code correlatieId} and {@code referentieBerichtId} the original berichtId; per recipient (in
 * order of id) the status, a code from {@code Uitkomstcode} and the withheld categories. Pure: no I/O, no clock.
 */
final class RetourberichtXml {

    /** A permanent refusal by the partner as the ledger words it (HTTP 4xx other than 408, 425, 429). */
    private static final Pattern HTTP = Pattern.compile("HTTP_(\\d{3})");
    private static final Set<Integer> RETRYABLE_CLIENT_ERRORS = Set.of(408, 425, 429);

    private RetourberichtXml() {
    }

    /**
     * The message the Retourbericht reports on.
     *
     * @param berichtId  its id
     * @param afzender   its sender: the Retourbericht's recipient
     * @param deelnemer  its participant (personal data: never logged, not in {@link #toString()})
     * @param doel       its purpose
     * @param categories the data categories in it
     */
    record Origineel(String berichtId, String afzender, String deelnemer, String doel, Set<Categorie> categories) {

        @Override
        public String toString() {
            return "Origineel[" + berichtId + ", afzender=" + afzender + "]";
        }
    }

    /**
     * One recipient's settled delivery as the ledger holds it.
     *
     * @param ontvanger  the recipient
     * @param status     DELIVERED, WITHHELD or FAILED
     * @param reden      the ledger's reason word (WITHHELD: the denial reason; FAILED: the last failure word), or null
     * @param ingehouden category codes withheld from its copy (DELIVERED)
     * @param afgevoerd  a FAILED delivery an administrator discarded
     */
    record Afgehandeld(String ontvanger, DeliveryStatus status, String reden, Set<String> ingehouden, boolean afgevoerd) {
    }

    /** The code of one recipient's outcome. */
    static Uitkomstcode code(Afgehandeld settled) {
        return switch (settled.status()) {
            case DELIVERED -> Uitkomstcode.DELIVERED;
            case WITHHELD -> withheld(settled.reden());
            case FAILED -> settled.afgevoerd() ? Uitkomstcode.DISCARDED
                    : permanentRefusal(settled.reden()) ? Uitkomstcode.REFUSED_BY_RECIPIENT : Uitkomstcode.ATTEMPTS_EXHAUSTED;
            default -> throw new IllegalArgumentException("not settled: " + settled.status());
        };
    }

    private static Uitkomstcode withheld(String reden) {
        for (ConsentDecision.DenialReason reason : ConsentDecision.DenialReason.values()) {
            if (reason.name().equals(reden)) {
                return Uitkomstcode.fromValue(reason.name());
            }
        }
        return Uitkomstcode.CHECK_FAILED; // an unreadable reason: nothing went, and why is not known
    }

    private static boolean permanentRefusal(String reden) {
        Matcher http = HTTP.matcher(reden == null ? "" : reden);
        if (!http.matches()) {
            return false;
        }
        int status = Integer.parseInt(http.group(1));
        return status >= 400 && status < 500 && !RETRYABLE_CLIENT_ERRORS.contains(status);
    }

    /**
     * The categories the recipient did not get: those cut from a DELIVERED copy; every category of the message when it
     * was WITHHELD; none when FAILED (nothing was withheld, it just did not arrive).
     */
    static Set<Categorie> ingehouden(Afgehandeld settled, Set<Categorie> messageCategories) {
        Set<Categorie> withheld = EnumSet.noneOf(Categorie.class);
        switch (settled.status()) {
            case DELIVERED -> settled.ingehouden().forEach(code -> Categorie.fromCode(code).ifPresent(withheld::add));
            case WITHHELD -> withheld.addAll(messageCategories);
            default -> { }
        }
        return withheld;
    }

    /** The summary code: every recipient DELIVERED, some, or none. */
    static Samenvattingscode samenvatting(List<Afgehandeld> settled) {
        long delivered = settled.stream().filter(s -> s.status() == DeliveryStatus.DELIVERED).count();
        return delivered == settled.size() ? Samenvattingscode.ALL_DELIVERED
                : delivered == 0 ? Samenvattingscode.NONE_DELIVERED : Samenvattingscode.PARTLY_DELIVERED;
    }

    /** The Retourbericht {@code berichtId} for {@code original}, made at {@code now}, as XML (UTF-8). */
    static byte[] xml(JAXBContext jaxb, String berichtId, Instant now, Origineel original, List<Afgehandeld> settled) {
        if (settled.isEmpty()) {
            throw new IllegalArgumentException("a Retourbericht reports on at least one recipient");
        }
        Envelop envelop = new Envelop();
        envelop.setBerichtId(berichtId);
        envelop.setBerichtType(BerichtType.RETOURBERICHT);
        envelop.setAfzender(PartnerRegistry.GATEWAY_ID);
        envelop.getOntvanger().add(original.afzender());
        envelop.setDeelnemer(original.deelnemer());
        envelop.setDoel(Doel.fromValue(original.doel()));
        envelop.setAanmaakmoment(calendar(now));
        envelop.setCorrelatieId(original.berichtId());

        Retourbericht retour = new Retourbericht();
        retour.setReferentieBerichtId(original.berichtId());
        retour.setStatus(Retourstatus.ONTVANGEN);
        retour.setCode(samenvatting(settled).value());
        settled.stream().sorted(Comparator.comparing(Afgehandeld::ontvanger)).forEach(s -> {
            Ontvangeruitkomst uitkomst = new Ontvangeruitkomst();
            uitkomst.setOntvanger(s.ontvanger());
            uitkomst.setStatus(Uitkomststatus.fromValue(s.status().name()));
            uitkomst.setCode(code(s));
            ingehouden(s, original.categories()).stream().map(Categorie::code).sorted()
                    .forEach(c -> uitkomst.getIngehouden().add(CategorieCode.fromValue(c)));
            retour.getUitkomst().add(uitkomst);
        });
        Inhoud inhoud = new Inhoud();
        inhoud.setRetourbericht(retour);
        Bericht bericht = new Bericht();
        bericht.setVersie("1.0");
        bericht.setEnvelop(envelop);
        bericht.setInhoud(inhoud);
        try {
            Marshaller marshaller = jaxb.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            marshaller.marshal(bericht, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("Retourbericht for " + original.berichtId() + " not written", e);
        }
    }

    private static javax.xml.datatype.XMLGregorianCalendar calendar(Instant now) {
        try {
            return DatatypeFactory.newInstance().newXMLGregorianCalendar(
                    java.util.GregorianCalendar.from(now.atZone(ZoneOffset.UTC)));
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
