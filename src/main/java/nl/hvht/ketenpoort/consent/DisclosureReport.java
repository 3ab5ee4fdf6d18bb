package nl.hvht.ketenpoort.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;

/**
 * A participant's disclosure report (AVG art. 15, "inzage"): every delivery and every withholding of a message about
 * him, to whom, when, which data categories (sent and withheld), on which ground (verklaring version, legal task,
 * break-glass release) or for which reason; every consent decision of the consent log; and his verklaringen with
 * all their versions. It is for the participant himself, so it holds his id; it is never logged.
 *
 * @param deelnemer     the participant id
 * @param opgesteldOp   when the report was made
 * @param opgesteldDoor who asked for it (partner id or administrator)
 * @param samenvatting  per recipient: how many deliveries and withholdings (sorted by recipient)
 * @param bezorgingen   per message and recipient, oldest first
 * @param besluiten     the consent decisions (intake and delivery), oldest first
 * @param verklaringen  every version of every verklaring, by registration
 */
public record DisclosureReport(
        String deelnemer,
        Instant opgesteldOp,
        String opgesteldDoor,
        List<Ontvanger> samenvatting,
        List<Bezorging> bezorgingen,
        List<Besluit> besluiten,
        List<VerklaringVersie> verklaringen) {

    public DisclosureReport {
        samenvatting = List.copyOf(samenvatting);
        bezorgingen = List.copyOf(bezorgingen);
        besluiten = List.copyOf(besluiten);
        verklaringen = List.copyOf(verklaringen);
    }

    /** The deliveries to one recipient, oldest first (for the table per recipient). */
    public List<Bezorging> bezorgingenAan(String ontvanger) {
        return bezorgingen.stream().filter(b -> b.ontvanger().equals(ontvanger)).toList();
    }

    /**
     * Per recipient the counts of its deliveries.
     *
     * @param ontvanger    recipient partner id
     * @param verstrekt    delivered (possibly with sections withheld)
     * @param ingehouden   withheld as a whole
     * @param mislukt      could not be delivered (technical)
     * @param onderweg     accepted or queued, not yet settled
     * @param viaDoorbraak delivered on a break-glass release
     */
    public record Ontvanger(String ontvanger, int verstrekt, int ingehouden, int mislukt, int onderweg, int viaDoorbraak) {
    }

    /**
     * One message to one recipient.
     *
     * @param berichtId              message id
     * @param berichtType            message type
     * @param afzender               sending partner
     * @param doel                   purpose
     * @param ontvangenOp            when the gateway received it
     * @param ontvanger              recipient partner id
     * @param status                 a {@link DeliveryStatus} name: DELIVERED, WITHHELD, FAILED, QUEUED or ACCEPTED
     * @param reden                  why withheld or failed (a denial reason or failure code); null otherwise
     * @param grondslagen            the grounds its copy went (or goes) out on; empty when withheld
     * @param verstrekteCategorieen  categories the recipient received (DELIVERED only)
     * @param ingehoudenCategorieen  categories kept from the recipient (every category when withheld)
     * @param bijgewerktOp           last status change
     */
    public record Bezorging(
            UUID berichtId,
            String berichtType,
            String afzender,
            String doel,
            Instant ontvangenOp,
            String ontvanger,
            String status,
            String reden,
            List<GrondslagView> grondslagen,
            List<String> verstrekteCategorieen,
            List<String> ingehoudenCategorieen,
            Instant bijgewerktOp) {

        public Bezorging {
            grondslagen = List.copyOf(grondslagen);
            verstrekteCategorieen = List.copyOf(verstrekteCategorieen);
            ingehoudenCategorieen = List.copyOf(ingehoudenCategorieen);
        }

        boolean viaDoorbraak() {
            return grondslagen.stream().anyMatch(g -> Grondslag.Soort.DOORBRAAK.name().equals(g.soort()));
        }
    }

    /**
     * A ground in report form.
     *
     * @param code         {@code toestemming:<id>@v<n>}, {@code wettelijke-taak:<naam>} or {@code doorbraak:<id>}
     * @param soort        TOESTEMMING, WETTELIJKE_TAAK, DOORBRAAK, or ONBEKEND for a code this version cannot read
     * @param id           verklaring id or break-glass id; null otherwise
     * @param versie       verklaring version; null otherwise
     * @param naam         legal task name; null otherwise
     */
    public record GrondslagView(String code, String soort, UUID id, Integer versie, String naam) {

        static GrondslagView of(String code) {
            try {
                Grondslag grond = Grondslag.parse(code);
                return new GrondslagView(code, grond.soort().name(), grond.id(),
                        grond.soort() == Grondslag.Soort.TOESTEMMING ? grond.versie() : null, grond.naam());
            } catch (IllegalArgumentException e) {
                return new GrondslagView(code, "ONBEKEND", null, null, null);
            }
        }
    }

    /**
     * One entry of the consent log.
     *
     * @param moment                when it was decided
     * @param berichtId             message id
     * @param ontvanger             recipient partner id
     * @param fase                  INTAKE or BEZORGING
     * @param uitkomst              ALLOWED or DENIED
     * @param reden                 denial reason (DENIED), else null
     * @param grondslagen           grounds (ALLOWED)
     * @param ingehoudenCategorieen categories withheld from the copy (ALLOWED)
     * @param categorieen           categories asked for
     * @param doel                  purpose asked for
     */
    public record Besluit(
            Instant moment,
            String berichtId,
            String ontvanger,
            String fase,
            String uitkomst,
            String reden,
            List<GrondslagView> grondslagen,
            List<String> ingehoudenCategorieen,
            List<String> categorieen,
            String doel) {

        public Besluit {
            grondslagen = List.copyOf(grondslagen);
            ingehoudenCategorieen = List.copyOf(ingehoudenCategorieen);
            categorieen = List.copyOf(categorieen);
        }
    }

    /**
     * One version of a verklaring, in summary.
     *
     * @param id                verklaring id
     * @param versie            version number
     * @param geldigVan         start of this version's period
     * @param geldigTot         end of this version's period (exclusive)
     * @param ingetrokkenOp     revocation of the whole verklaring, or null
     * @param geregistreerdOp   when this version was registered
     * @param geregistreerdDoor who registered it
     * @param laatsteVersie     true for the verklaring's latest version
     * @param bepalingen        its permits with their exceptions
     */
    public record VerklaringVersie(
            UUID id,
            int versie,
            Instant geldigVan,
            Instant geldigTot,
            Instant ingetrokkenOp,
            Instant geregistreerdOp,
            String geregistreerdDoor,
            boolean laatsteVersie,
            List<Toestemming> bepalingen) {

        public VerklaringVersie {
            bepalingen = List.copyOf(bepalingen);
        }
    }

    /**
     * A permit (or, nested, a deny exception) in summary; empty lists in an exception mean "as the permit".
     *
     * @param actoren        actor codes
     * @param categorieen    category codes
     * @param doelen         purpose codes
     * @param geldigVan      own period start, or null (as the version / the permit)
     * @param geldigTot      own period end, or null
     * @param uitzonderingen deny exceptions (always empty inside an exception)
     */
    public record Toestemming(List<String> actoren, List<String> categorieen, List<String> doelen, Instant geldigVan,
            Instant geldigTot, List<Toestemming> uitzonderingen) {

        public Toestemming {
            actoren = List.copyOf(actoren);
            categorieen = List.copyOf(categorieen);
            doelen = List.copyOf(doelen);
            uitzonderingen = List.copyOf(uitzonderingen);
        }
    }

    // ---- assembly (pure) ---------------------------------------------------------------------------------------

    /**
     * A ledger row: one message and one recipient, as read from {@code bericht} joined with {@code bezorging}.
     * Code lists are comma-separated as stored.
     */
    public record BezorgingRij(UUID berichtId, String berichtType, String afzender, String doel, String categorieen,
            Instant ontvangenOp, String ontvanger, DeliveryStatus status, String reden, String grondslag, String ingehouden,
            Instant bijgewerktOp) {
    }

    /** A consent log row ({@code toestemmingsbesluit}). Code lists are comma-separated as stored. */
    record BesluitRij(Instant moment, String berichtId, String ontvanger, String fase, String uitkomst, String reden,
            String grondslag, String ingehouden, String categorieen, String doel) {
    }

    /** Builds the report from what the ledger, the consent log and the verklaring store hold. */
    static DisclosureReport assemble(String deelnemer, Instant at, String requestedBy, List<BezorgingRij> ledger,
            List<BesluitRij> log, List<Verklaring> versions) {
        List<Bezorging> deliveries = ledger.stream().map(DisclosureReport::bezorging)
                .sorted(Comparator.comparing(Bezorging::ontvangenOp).thenComparing(b -> b.berichtId().toString())
                        .thenComparing(Bezorging::ontvanger))
                .toList();
        List<Besluit> decisions = log.stream().map(DisclosureReport::besluit)
                .sorted(Comparator.comparing(Besluit::moment)).toList();
        return new DisclosureReport(deelnemer, at, requestedBy, summary(deliveries), deliveries, decisions,
                verklaringen(versions));
    }

    private static Bezorging bezorging(BezorgingRij row) {
        List<String> all = codes(row.categorieen());
        boolean withheld = row.status() == DeliveryStatus.WITHHELD;
        List<String> kept = withheld ? all : codes(row.ingehouden());
        List<String> sent = row.status() == DeliveryStatus.DELIVERED
                ? all.stream().filter(c -> !kept.contains(c)).toList()
                : List.of();
        List<GrondslagView> grounds = withheld ? List.of() : codes(row.grondslag()).stream().map(GrondslagView::of).toList();
        return new Bezorging(row.berichtId(), row.berichtType(), row.afzender(), row.doel(), row.ontvangenOp(),
                row.ontvanger(), row.status().name(), row.reden(), grounds, sent, kept, row.bijgewerktOp());
    }

    private static Besluit besluit(BesluitRij row) {
        return new Besluit(row.moment(), row.berichtId(), row.ontvanger(), row.fase(), row.uitkomst(), row.reden(),
                codes(row.grondslag()).stream().map(GrondslagView::of).toList(), codes(row.ingehouden()),
                codes(row.categorieen()), row.doel());
    }

    private static List<Ontvanger> summary(List<Bezorging> deliveries) {
        Map<String, int[]> counts = new TreeMap<>();
        for (Bezorging b : deliveries) {
            int[] c = counts.computeIfAbsent(b.ontvanger(), k -> new int[5]);
            switch (DeliveryStatus.valueOf(b.status())) {
                case DELIVERED -> {
                    c[0]++;
                    if (b.viaDoorbraak()) {
                        c[4]++;
                    }
                }
                case WITHHELD -> c[1]++;
                case FAILED -> c[2]++;
                default -> c[3]++;
            }
        }
        List<Ontvanger> summary = new ArrayList<>(counts.size());
        counts.forEach((id, c) -> summary.add(new Ontvanger(id, c[0], c[1], c[2], c[3], c[4])));
        return summary;
    }

    private static List<VerklaringVersie> verklaringen(List<Verklaring> versions) {
        Map<UUID, Integer> latest = new TreeMap<>();
        versions.forEach(v -> latest.merge(v.id(), v.versie(), Math::max));
        return versions.stream()
                .sorted(Comparator.comparing(Verklaring::geregistreerdOp).thenComparing(v -> v.id().toString())
                        .thenComparingInt(Verklaring::versie))
                .map(v -> new VerklaringVersie(v.id(), v.versie(), v.geldigVan(), v.geldigTot(), v.ingetrokkenOp(),
                        v.geregistreerdOp(), v.geregistreerdDoor(), latest.get(v.id()) == v.versie(),
                        v.bepalingen().stream().map(DisclosureReport::toestemming).toList()))
                .toList();
    }

    private static Toestemming toestemming(Bepaling b) {
        return new Toestemming(actors(b.actoren()), categories(b.categorieen()), b.doelen().stream().sorted().toList(),
                b.periode() == null ? null : b.periode().van(), b.periode() == null ? null : b.periode().tot(),
                b.uitzonderingen().stream()
                        .map(u -> new Toestemming(actors(u.actoren()), categories(u.categorieen()),
                                u.doelen().stream().sorted().toList(), u.periode() == null ? null : u.periode().van(),
                                u.periode() == null ? null : u.periode().tot(), List.of()))
                        .toList());
    }

    private static List<String> actors(Set<Actor> actors) {
        return actors.stream().map(Actor::code).sorted().toList();
    }

    private static List<String> categories(Set<Categorie> categories) {
        return categories.stream().map(Categorie::code).sorted().toList();
    }

    private static List<String> codes(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).sorted().toList();
    }

    @Override
    public String toString() {
        return "DisclosureReport[bezorgingen=" + bezorgingen.size() + ", besluiten=" + besluiten.size()
                + ", verklaringen=" + verklaringen.size() + "]";
    }
}
