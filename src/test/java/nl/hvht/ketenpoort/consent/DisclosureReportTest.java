package nl.hvht.ketenpoort.consent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/** Assembly of the disclosure report from ledger, consent log and verklaringen, and its HTML page. */
class DisclosureReportTest {

    private static final Instant T0 = Instant.parse("2026-11-01T09:00:00Z");
    private static final UUID VERKLARING = UUID.fromString("11111111-2222-4333-8444-555555555555");
    private static final UUID DOORBRAAK = UUID.fromString("99999999-2222-4333-8444-555555555555");
    private static final UUID OVERDRACHT = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000001");
    private static final UUID TRAJECTPLAN = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000002");
    private static final UUID VERWIJZING = UUID.fromString("aaaaaaaa-0000-4000-8000-000000000003");
    private static final String GROND = "toestemming:" + VERKLARING + "@v1";

    private final List<DisclosureReport.BezorgingRij> ledger = List.of(
            // Later message first: the report sorts by time.
            row(VERWIJZING, "Verwijzing", "behandeling", "behandeling,gezondheid", T0.plusSeconds(7200), "transfore",
                    "WITHHELD", "NO_CONSENT", null, ""),
            row(OVERDRACHT, "Overdracht", "nazorg", "detentie,gezondheid,identificatie", T0, "reclassering-nederland",
                    "DELIVERED", null, GROND, "gezondheid"),
            row(OVERDRACHT, "Overdracht", "nazorg", "detentie,gezondheid,identificatie", T0, "gemeente-enschede",
                    "DELIVERED", null, GROND, ""),
            row(TRAJECTPLAN, "Trajectplan", "re-integratie", "detentie,leefgebieden", T0.plusSeconds(3600), "gemeente-enschede",
                    "DELIVERED", null, "doorbraak:" + DOORBRAAK, ""),
            row(TRAJECTPLAN, "Trajectplan", "re-integratie", "detentie,leefgebieden", T0.plusSeconds(3600), "reclassering-nederland",
                    "FAILED", "HTTP_503", GROND, "leefgebieden"),
            row(TRAJECTPLAN, "Trajectplan", "re-integratie", "detentie,leefgebieden", T0.plusSeconds(3600), "tactus",
                    "QUEUED", null, "wettelijke-taak:detentiemelding-woongemeente", ""));

    private final List<DisclosureReport.BesluitRij> log = List.of(
            new DisclosureReport.BesluitRij(T0.plusSeconds(7200), VERWIJZING.toString(), "transfore", "INTAKE", "DENIED",
                    "NO_CONSENT", null, "", "behandeling,gezondheid", "behandeling"),
            new DisclosureReport.BesluitRij(T0, OVERDRACHT.toString(), "reclassering-nederland", "INTAKE", "ALLOWED", null,
                    GROND, "gezondheid", "detentie,gezondheid,identificatie", "nazorg"));

    private final List<Verklaring> versions = List.of(
            verklaring(2, T0.minusSeconds(60), Set.of(Categorie.DETENTIE)),
            verklaring(1, T0.minusSeconds(3600), Set.of(Categorie.DETENTIE, Categorie.IDENTIFICATIE)));

    private final DisclosureReport report = DisclosureReport.assemble("HVHT-2026-0042", T0.plusSeconds(9000), "hvht",
            ledger, log, versions);

    @Test
    void summaryCountsEveryRecipientByOutcome() {
        assertThat(report.samenvatting()).containsExactly(
                new DisclosureReport.Ontvanger("gemeente-enschede", 2, 0, 0, 0, 1),
                new DisclosureReport.Ontvanger("reclassering-nederland", 1, 0, 1, 0, 0),
                new DisclosureReport.Ontvanger("tactus", 0, 0, 0, 1, 0),
                new DisclosureReport.Ontvanger("transfore", 0, 1, 0, 0, 0));
    }

    @Test
    void deliveriesAreChronologicalWithCategoriesSentAndWithheld() {
        assertThat(report.bezorgingen()).extracting(b -> b.berichtType() + " " + b.ontvanger() + " " + b.status())
                .containsExactly(
                        "Overdracht gemeente-enschede DELIVERED",
                        "Overdracht reclassering-nederland DELIVERED",
                        "Trajectplan gemeente-enschede DELIVERED",
                        "Trajectplan reclassering-nederland FAILED",
                        "Trajectplan tactus QUEUED",
                        "Verwijzing transfore WITHHELD");
        DisclosureReport.Bezorging partial = report.bezorgingen().get(1);
        assertThat(partial.verstrekteCategorieen()).containsExactly("detentie", "identificatie");
        assertThat(partial.ingehoudenCategorieen()).containsExactly("gezondheid");
        assertThat(partial.grondslagen()).containsExactly(
                new DisclosureReport.GrondslagView(GROND, "TOESTEMMING", VERKLARING, 1, null));

        DisclosureReport.Bezorging withheld = report.bezorgingen().get(5);
        assertThat(withheld.verstrekteCategorieen()).isEmpty();
        assertThat(withheld.ingehoudenCategorieen()).containsExactly("behandeling", "gezondheid");
        assertThat(withheld.grondslagen()).isEmpty();
        assertThat(withheld.reden()).isEqualTo("NO_CONSENT");

        DisclosureReport.Bezorging failed = report.bezorgingen().get(3);
        assertThat(failed.verstrekteCategorieen()).as("a failed delivery gave nothing").isEmpty();
        assertThat(failed.ingehoudenCategorieen()).containsExactly("leefgebieden");
    }

    @Test
    void groundsOfEveryKindAreReadable() {
        assertThat(report.bezorgingen().get(2).grondslagen()).containsExactly(
                new DisclosureReport.GrondslagView("doorbraak:" + DOORBRAAK, "DOORBRAAK", DOORBRAAK, null, null));
        assertThat(report.bezorgingen().get(4).grondslagen()).containsExactly(new DisclosureReport.GrondslagView(
                "wettelijke-taak:detentiemelding-woongemeente", "WETTELIJKE_TAAK", null, null, "detentiemelding-woongemeente"));
        assertThat(DisclosureReport.GrondslagView.of("iets-anders").soort()).isEqualTo("ONBEKEND");
    }

    @Test
    void consentLogAndVersionsAreListedInOrder() {
        assertThat(report.besluiten()).extracting(DisclosureReport.Besluit::uitkomst).containsExactly("ALLOWED", "DENIED");
        assertThat(report.besluiten().get(0).ingehoudenCategorieen()).containsExactly("gezondheid");
        assertThat(report.besluiten().get(1).reden()).isEqualTo("NO_CONSENT");
        assertThat(report.verklaringen()).extracting(v -> v.versie() + ":" + v.laatsteVersie())
                .containsExactly("1:false", "2:true");
        DisclosureReport.Toestemming permit = report.verklaringen().get(0).bepalingen().get(0);
        assertThat(permit.actoren()).containsExactly("partner:gemeente-enschede", "rol:reclassering");
        assertThat(permit.categorieen()).containsExactly("detentie", "identificatie");
        assertThat(permit.uitzonderingen()).singleElement().satisfies(u -> {
            assertThat(u.actoren()).containsExactly("rol:reclassering");
            assertThat(u.categorieen()).isEmpty();
        });
    }

    @Test
    void htmlPageEscapesAndShowsEveryRecipient() {
        DisclosureReport hostile = DisclosureReport.assemble("HVHT-2026-0042", T0, "<script>alert(1)</script>",
                ledger, log, versions);
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);

        String html = engine.process("consent/verstrekkingen",
                new Context(java.util.Locale.forLanguageTag("nl"), Map.of("rapport", hostile, "tekst", new DisclosurePage())));

        assertThat(html).contains("HVHT-2026-0042", "Ontvanger: gemeente-enschede", "Ontvanger: transfore",
                "Ontvanger: tactus", "geen toestemming voor deze ontvanger (NO_CONSENT)",
                "toestemmingsverklaring " + VERKLARING + ", versie 1", "doorbraak (vrijgave door twee beheerders) " + DOORBRAAK,
                "wettelijke taak detentiemelding-woongemeente", "01-11-2026 10:00:00", "categorieën");
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(html).doesNotContain("http://", "https://").doesNotContain("<link").doesNotContain("src=");
    }

    private static DisclosureReport.BezorgingRij row(UUID berichtId, String type, String doel, String categorieen,
            Instant ontvangen, String ontvanger, String status, String reden, String grondslag, String ingehouden) {
        return new DisclosureReport.BezorgingRij(berichtId, type, "hvht", doel, categorieen, ontvangen, ontvanger,
                DeliveryStatus.valueOf(status), reden, grondslag, ingehouden, ontvangen.plusSeconds(5));
    }

    private static Verklaring verklaring(int versie, Instant registered, Set<Categorie> categories) {
        Bepaling permit = new Bepaling(Set.of(Actor.partner("gemeente-enschede"), Actor.rol(Actor.ROL_RECLASSERING)),
                categories, Set.of("nazorg"), null,
                List.of(new Uitzondering(Set.of(Actor.rol(Actor.ROL_RECLASSERING)), Set.of(), Set.of(), null)));
        return new Verklaring(VERKLARING, "HVHT-2026-0042", versie, T0.minusSeconds(86400), T0.plusSeconds(86400 * 300L),
                List.of(permit), null, registered, "hvht", null);
    }
}
