package nl.hvht.ketenpoort.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.bericht.BerichtParser;
import nl.hvht.ketenpoort.bericht.BerichtProperties;
import nl.hvht.ketenpoort.bericht.BerichtSchema;
import nl.hvht.ketenpoort.bericht.Categorie;
import nl.hvht.ketenpoort.bericht.CategorieCatalog;
import nl.hvht.ketenpoort.bericht.DeliveryStatus;
import nl.hvht.ketenpoort.bericht.ParsedBericht;
import nl.hvht.ketenpoort.bericht.v1.CategorieCode;
import nl.hvht.ketenpoort.bericht.v1.Ontvangeruitkomst;
import nl.hvht.ketenpoort.bericht.v1.Retourbericht;
import nl.hvht.ketenpoort.bericht.v1.Samenvattingscode;
import nl.hvht.ketenpoort.bericht.v1.Uitkomstcode;
import nl.hvht.ketenpoort.bericht.v1.Uitkomststatus;
import nl.hvht.ketenpoort.consent.ConsentDecision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The gateway's Retourbericht: the codes per recipient, the summary, and XML that the v1 XSD accepts. */
class RetourberichtXmlTest {

    private static final BerichtSchema SCHEMA = new BerichtSchema();
    private static final BerichtParser PARSER = new BerichtParser(BerichtProperties.defaults(), SCHEMA, new CategorieCatalog());
    private static final Set<Categorie> TRAJECTPLAN = EnumSet.of(Categorie.IDENTIFICATIE, Categorie.DETENTIE,
            Categorie.LEEFGEBIEDEN);

    @Test
    void aDeliveredCopyIsDeliveredWithTheCategoriesCutFromIt() {
        RetourberichtXml.Afgehandeld delivered = settled("reclassering-nederland", DeliveryStatus.DELIVERED, null, "detentie");

        assertThat(RetourberichtXml.code(delivered)).isEqualTo(Uitkomstcode.DELIVERED);
        assertThat(RetourberichtXml.ingehouden(delivered, TRAJECTPLAN)).containsExactly(Categorie.DETENTIE);
    }

    @Test
    void everyDenialReasonIsACodeAndAWithheldRecipientMissedEveryCategory() {
        for (ConsentDecision.DenialReason reason : ConsentDecision.DenialReason.values()) {
            RetourberichtXml.Afgehandeld withheld = settled("gemeente-enschede", DeliveryStatus.WITHHELD, reason.name());
            assertThat(RetourberichtXml.code(withheld).value()).isEqualTo(reason.name());
            assertThat(RetourberichtXml.ingehouden(withheld, TRAJECTPLAN)).isEqualTo(TRAJECTPLAN);
        }
        assertThat(RetourberichtXml.code(settled("x", DeliveryStatus.WITHHELD, "SOMETHING_NEW"))).isEqualTo(Uitkomstcode.CHECK_FAILED);
    }

    @ParameterizedTest
    @CsvSource({"HTTP_400, REFUSED_BY_RECIPIENT", "HTTP_404, REFUSED_BY_RECIPIENT", "HTTP_429, ATTEMPTS_EXHAUSTED",
            "HTTP_408, ATTEMPTS_EXHAUSTED", "HTTP_503, ATTEMPTS_EXHAUSTED", "TIMEOUT, ATTEMPTS_EXHAUSTED",
            "RECEIPT_MISSING, ATTEMPTS_EXHAUSTED", "IO_ERROR, ATTEMPTS_EXHAUSTED"})
    void aFailedDeliveryIsRefusedForGoodOrOutOfAttempts(String reden, Uitkomstcode expected) {
        RetourberichtXml.Afgehandeld failed = settled("justact", DeliveryStatus.FAILED, reden);

        assertThat(RetourberichtXml.code(failed)).isEqualTo(expected);
        assertThat(RetourberichtXml.ingehouden(failed, TRAJECTPLAN)).as("nothing withheld: it did not arrive").isEmpty();
    }

    @Test
    void aDiscardedDeadLetterIsDiscarded() {
        assertThat(RetourberichtXml.code(new RetourberichtXml.Afgehandeld("justact", DeliveryStatus.FAILED, "HTTP_400", Set.of(), true)))
                .isEqualTo(Uitkomstcode.DISCARDED);
    }

    @Test
    void anUnsettledDeliveryHasNoOutcome() {
        assertThatThrownBy(() -> RetourberichtXml.code(settled("x", DeliveryStatus.QUEUED, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSummarySaysWhetherAllSomeOrNoneWereDelivered() {
        var delivered = settled("a", DeliveryStatus.DELIVERED, null);
        var withheld = settled("b", DeliveryStatus.WITHHELD, "NO_CONSENT");
        var failed = settled("c", DeliveryStatus.FAILED, "HTTP_500");

        assertThat(RetourberichtXml.samenvatting(List.of(delivered))).isEqualTo(Samenvattingscode.ALL_DELIVERED);
        assertThat(RetourberichtXml.samenvatting(List.of(delivered, withheld))).isEqualTo(Samenvattingscode.PARTLY_DELIVERED);
        assertThat(RetourberichtXml.samenvatting(List.of(withheld, failed))).isEqualTo(Samenvattingscode.NONE_DELIVERED);
    }

    @Test
    void theXmlIsAValidRetourberichtFromTheGatewayToTheSenderCorrelatedToTheOriginal() {
        String original = UUID.randomUUID().toString();
        String berichtId = UUID.randomUUID().toString();
        RetourberichtXml.Origineel message = new RetourberichtXml.Origineel(original, "hvht", "HVHT-2026-0042", "re-integratie",
                TRAJECTPLAN);

        byte[] xml = RetourberichtXml.xml(SCHEMA.jaxbContext(), berichtId, Instant.parse("2026-03-02T08:21:40.123456Z"), message,
                List.of(settled("reclassering-nederland", DeliveryStatus.DELIVERED, null, "detentie"),
                        settled("gemeente-enschede", DeliveryStatus.WITHHELD, "NO_CONSENT")));
        ParsedBericht parsed = PARSER.parse(xml);

        assertThat(parsed.envelope().berichtId()).isEqualTo(berichtId);
        assertThat(parsed.envelope().berichtType()).isEqualTo("Retourbericht");
        assertThat(parsed.envelope().afzender()).isEqualTo("ketenpoort");
        assertThat(parsed.envelope().ontvangers()).containsExactly("hvht");
        assertThat(parsed.envelope().correlatieId()).isEqualTo(original);
        assertThat(parsed.envelope().doel()).isEqualTo("re-integratie");
        assertThat(parsed.categories()).as("no personal-data category").isEmpty();
        Retourbericht retour = parsed.bericht().getInhoud().getRetourbericht();
        assertThat(retour.getReferentieBerichtId()).isEqualTo(original);
        assertThat(retour.getCode()).isEqualTo("PARTLY_DELIVERED");
        List<Ontvangeruitkomst> uitkomsten = retour.getUitkomst();
        assertThat(uitkomsten).extracting(Ontvangeruitkomst::getOntvanger).containsExactly("gemeente-enschede", "reclassering-nederland");
        assertThat(uitkomsten.get(0).getStatus()).isEqualTo(Uitkomststatus.WITHHELD);
        assertThat(uitkomsten.get(0).getCode()).isEqualTo(Uitkomstcode.NO_CONSENT);
        assertThat(uitkomsten.get(0).getIngehouden()).containsExactly(CategorieCode.DETENTIE, CategorieCode.IDENTIFICATIE,
                CategorieCode.LEEFGEBIEDEN);
        assertThat(uitkomsten.get(1).getStatus()).isEqualTo(Uitkomststatus.DELIVERED);
        assertThat(uitkomsten.get(1).getCode()).isEqualTo(Uitkomstcode.DELIVERED);
        assertThat(uitkomsten.get(1).getIngehouden()).containsExactly(CategorieCode.DETENTIE);
    }

    @Test
    void aRetourberichtReportsOnAtLeastOneRecipient() {
        RetourberichtXml.Origineel message = new RetourberichtXml.Origineel(UUID.randomUUID().toString(), "hvht", "HVHT-2026-0042",
                "nazorg", Set.of());
        assertThatThrownBy(() -> RetourberichtXml.xml(SCHEMA.jaxbContext(), UUID.randomUUID().toString(), Instant.now(), message,
                List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static RetourberichtXml.Afgehandeld settled(String ontvanger, DeliveryStatus status, String reden, String... ingehouden) {
        return new RetourberichtXml.Afgehandeld(ontvanger, status, reden, Set.of(ingehouden), false);
    }
}
