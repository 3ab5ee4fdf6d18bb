package nl.hvht.ketenpoort.bericht;

import nl.hvht.ketenpoort.problem.RejectionCode;

import nl.hvht.ketenpoort.problem.Rejection;

import static nl.hvht.ketenpoort.bericht.Categorie.BASISVOORWAARDEN;
import static nl.hvht.ketenpoort.bericht.Categorie.BEHANDELING;
import static nl.hvht.ketenpoort.bericht.Categorie.DETENTIE;
import static nl.hvht.ketenpoort.bericht.Categorie.GEZONDHEID;
import static nl.hvht.ketenpoort.bericht.Categorie.IDENTIFICATIE;
import static nl.hvht.ketenpoort.bericht.Categorie.LEEFGEBIEDEN;
import static nl.hvht.ketenpoort.bericht.Categorie.RISICO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import nl.hvht.ketenpoort.bericht.v1.Bepaling;
import nl.hvht.ketenpoort.bericht.v1.Bericht;
import nl.hvht.ketenpoort.bericht.v1.CategorieCode;
import nl.hvht.ketenpoort.bericht.v1.Detentiemelding;
import nl.hvht.ketenpoort.bericht.v1.Doel;
import nl.hvht.ketenpoort.bericht.v1.Intrekking;
import nl.hvht.ketenpoort.bericht.v1.Intrekkingsreden;
import nl.hvht.ketenpoort.bericht.v1.Toestemmingsverklaring;
import nl.hvht.ketenpoort.bericht.v1.Uitzondering;
import nl.hvht.ketenpoort.bericht.v1.Leefdomein;
import nl.hvht.ketenpoort.bericht.v1.Uitkomst;
import nl.hvht.ketenpoort.bericht.v1.Uitstroomsoort;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BerichtParserTest {

    private static final BerichtParser PARSER = Examples.PARSER;

    @Test
    void overdrachtParsesWithRoutingFieldsAndAllEightCategories() {
        ParsedBericht m = PARSER.parse(Examples.bytes("overdracht.xml"));

        BerichtEnvelop e = m.envelope();
        assertThat(e.berichtId()).isEqualTo("3f1c2a9e-8d4b-4c6a-9e2f-1b7d5a0c4e81");
        assertThat(e.berichtType()).isEqualTo("Overdracht");
        assertThat(e.afzender()).isEqualTo("hvht");
        assertThat(e.ontvangers()).isEmpty();
        assertThat(e.deelnemer()).isEqualTo("HVHT-2026-0042");
        assertThat(e.doel()).isEqualTo("nazorg");
        assertThat(e.aanmaakmoment()).isEqualTo(OffsetDateTime.parse("2026-03-02T09:15:00+01:00"));
        assertThat(e.correlatieId()).isNull();
        assertThat(m.categories()).isEqualTo(EnumSet.allOf(Categorie.class));

        Bericht b = m.bericht();
        assertThat(b.getInhoud().getOverdracht().getUitstroom().getGemeente()).isEqualTo("gemeente-enschede");
        assertThat(b.getInhoud().getOverdracht().getUitstroom().getSoort()).isEqualTo(Uitstroomsoort.EINDE_DETENTIE);
        assertThat(b.getInhoud().getOverdracht().getToezicht().getReclasseringsorganisatie())
                .isEqualTo("reclassering-nederland");
        assertThat(b.getVersie()).isEqualTo("1.0");
        assertThat(m.xml()).isEqualTo(Examples.bytes("overdracht.xml"));
        assertThat(m.toString()).doesNotContain("HVHT-2026-0042");
    }

    @Test
    void trajectplanHasAllTenLeefgebieden() {
        ParsedBericht m = PARSER.parse(Examples.bytes("trajectplan.xml"));

        assertThat(m.envelope().berichtType()).isEqualTo("Trajectplan");
        assertThat(m.envelope().ontvangers()).containsExactly("reclassering-nederland", "gemeente-enschede");
        assertThat(m.envelope().doel()).isEqualTo("re-integratie");
        assertThat(m.categories()).containsExactlyInAnyOrder(IDENTIFICATIE, DETENTIE, LEEFGEBIEDEN, RISICO);
        assertThat(m.bericht().getInhoud().getTrajectplan().getLeefgebieden().getLeefgebied())
                .extracting(l -> l.getDomein())
                .containsExactlyInAnyOrder(Leefdomein.values());
    }

    @Test
    void verwijzingRoutesOnZorgpartner() {
        ParsedBericht m = PARSER.parse(Examples.bytes("verwijzing.xml"));

        assertThat(m.envelope().berichtType()).isEqualTo("Verwijzing");
        assertThat(m.envelope().ontvangers()).isEmpty();
        assertThat(m.envelope().doel()).isEqualTo("behandeling");
        assertThat(m.bericht().getInhoud().getVerwijzing().getZorgpartner()).isEqualTo("transfore");
        assertThat(m.categories()).containsExactlyInAnyOrder(IDENTIFICATIE, BEHANDELING, GEZONDHEID, RISICO);
    }

    @Test
    void verwijzingsantwoordCorrelatesToTheVerwijzing() {
        ParsedBericht verwijzing = PARSER.parse(Examples.bytes("verwijzing.xml"));
        ParsedBericht m = PARSER.parse(Examples.bytes("verwijzingsantwoord.xml"));

        assertThat(m.envelope().afzender()).isEqualTo("transfore");
        assertThat(m.envelope().ontvangers()).as("routed back by its correlatieId, not addressed").isEmpty();
        assertThat(m.envelope().correlatieId()).isEqualTo(verwijzing.envelope().berichtId());
        assertThat(m.envelope().aanmaakmoment()).isEqualTo(OffsetDateTime.parse("2026-02-10T16:45:00Z"));
        assertThat(m.bericht().getInhoud().getVerwijzingsantwoord().getAntwoord().getUitkomst())
                .isEqualTo(Uitkomst.INTAKE_GEPLAND);
        assertThat(m.categories()).containsExactly(BEHANDELING);
    }

    @Test
    void retourberichtHasNoCategories() {
        ParsedBericht m = PARSER.parse(Examples.bytes("retourbericht.xml"));

        assertThat(m.envelope().berichtType()).isEqualTo("Retourbericht");
        assertThat(m.envelope().afzender()).isEqualTo("gemeente-enschede");
        assertThat(m.envelope().ontvangers()).containsExactly("hvht");
        assertThat(m.envelope().doel()).isEqualTo("nazorg");
        assertThat(m.envelope().aanmaakmoment()).isEqualTo(OffsetDateTime.parse("2026-03-02T09:20:12.345+01:00"));
        assertThat(m.categories()).isEmpty();
    }

    @Test
    void toestemmingsverklaringHasPermitsWithADenyAndNoCategories() {
        ParsedBericht m = PARSER.parse(Examples.bytes("toestemmingsverklaring.xml"));

        assertThat(m.envelope().berichtType()).isEqualTo("Toestemmingsverklaring");
        assertThat(m.envelope().afzender()).isEqualTo("hvht");
        assertThat(m.categories()).isEmpty();
        Toestemmingsverklaring v = m.bericht().getInhoud().getToestemmingsverklaring();
        assertThat(v.getVerklaringId()).isNull();
        assertThat(v.getBepaling()).hasSize(2);
        Bepaling eerste = v.getBepaling().get(0);
        assertThat(eerste.getActor()).containsExactly("rol:uitstroomgemeente", "partner:transfore");
        assertThat(eerste.getDoel()).containsExactly(Doel.NAZORG, Doel.BEHANDELING);
        Uitzondering uitzondering = eerste.getUitzondering().get(0);
        assertThat(uitzondering.getActor()).containsExactly("soort:gemeente");
        assertThat(uitzondering.getCategorie()).containsExactly(CategorieCode.GEZONDHEID);
        assertThat(uitzondering.getDoel()).isEmpty();
        assertThat(v.getBepaling().get(1).getGeldigVan()).isNotNull();
        assertThat(v.getBewijsHash()).hasSize(64);
    }

    @Test
    void intrekkingNamesTheVerklaringAndAReasonCode() {
        ParsedBericht m = PARSER.parse(Examples.bytes("intrekking.xml"));

        assertThat(m.envelope().berichtType()).isEqualTo("Intrekking");
        assertThat(m.categories()).isEmpty();
        Intrekking i = m.bericht().getInhoud().getIntrekking();
        assertThat(i.getVerklaringId()).isEqualTo("5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f");
        assertThat(i.getReden()).isEqualTo(Intrekkingsreden.OP_VERZOEK_DEELNEMER);
    }

    @Test
    void detentiemeldingRoutesOnWoongemeente() {
        ParsedBericht m = PARSER.parse(Examples.bytes("detentiemelding.xml"));

        assertThat(m.envelope().berichtType()).isEqualTo("Detentiemelding");
        assertThat(m.envelope().ontvangers()).isEmpty();
        Detentiemelding d = m.bericht().getInhoud().getDetentiemelding();
        assertThat(d.getWoongemeente()).isEqualTo("gemeente-almelo");
        assertThat(d.getDetentie().getDatumInsluiting().toString()).isEqualTo("2025-09-15");
        assertThat(m.categories()).containsExactlyInAnyOrder(IDENTIFICATIE, DETENTIE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "actor without kind        | <actor>partner:transfore</actor> | <actor>transfore</actor>",
        "actor of unknown kind     | <actor>partner:transfore</actor> | <actor>persoon:transfore</actor>",
        "actor with capitals       | <actor>partner:transfore</actor> | <actor>partner:Transfore</actor>",
        "unknown categorie         | <categorie>risico</categorie> | <categorie>verslaving</categorie>",
        "unknown doel              | <doel>toezicht</doel> | <doel>marketing</doel>",
        "short bewijsHash          | <bewijsHash>3a7b | <bewijsHash>",
        "upper-case bewijsHash     | <bewijsHash>3a7b | <bewijsHash>3A7B",
        "geldigTot without zone    | <geldigTot>2027-07-01T00:00:00+02:00 | <geldigTot>2027-07-01T00:00:00",
        "permit without doel       | <doel>toezicht</doel> | ''",
        "free-text element         | <bewijsHash> | <toelichting>x</toelichting><bewijsHash>",
    })
    void invalidToestemmingsverklaringIsRefused(String name, String from, String to) {
        assertRejected(() -> PARSER.parse(Examples.replaced("toestemmingsverklaring.xml", from, to)),
                RejectionCode.SCHEMA_INVALID);
    }

    @Test
    void atMostTwentyBepalingen() {
        String xml = Examples.text("toestemmingsverklaring.xml");
        String bepaling = xml.substring(xml.indexOf("<bepaling>"), xml.indexOf("</bepaling>") + "</bepaling>".length());
        assertRejected(() -> PARSER.parse(Examples.replaced("toestemmingsverklaring.xml", bepaling,
                bepaling.repeat(21))), RejectionCode.SCHEMA_INVALID);
        assertThat(PARSER.parse(Examples.replaced("toestemmingsverklaring.xml", bepaling, bepaling.repeat(19)))
                .bericht().getInhoud().getToestemmingsverklaring().getBepaling()).hasSize(20);
    }

    @Test
    void intrekkingReasonIsACodeNotText() {
        assertRejected(() -> PARSER.parse(Examples.replaced("intrekking.xml", "<reden>op-verzoek-deelnemer</reden>",
                "<reden>Wil niet meer</reden>")), RejectionCode.SCHEMA_INVALID);
        assertThat(PARSER.parse(Examples.replaced("intrekking.xml", "<reden>op-verzoek-deelnemer</reden>", ""))
                .bericht().getInhoud().getIntrekking().getReden()).isNull();
    }

    @Test
    void woongemeenteIsRequiredAndAPartnerId() {
        assertRejected(() -> PARSER.parse(Examples.replaced("detentiemelding.xml",
                "<woongemeente>gemeente-almelo</woongemeente>", "")), RejectionCode.SCHEMA_INVALID);
        assertRejected(() -> PARSER.parse(Examples.replaced("detentiemelding.xml",
                "gemeente-almelo", "Gemeente Almelo")), RejectionCode.SCHEMA_INVALID);
    }

    static final String VERSTREKKING = "<verstrekking><ontvanger>gemeente-enschede</ontvanger><grondslag>"
            + "<wettelijkeTaak>wmo-nazorg</wettelijkeTaak></grondslag></verstrekking>";

    @ParameterizedTest
    @ValueSource(strings = {"overdracht.xml", "toestemmingsverklaring.xml", "detentiemelding.xml", "retourbericht.xml"})
    void aSenderMayNotSendAVerstrekking(String example) {
        Rejection r = rejection(() -> PARSER.parse(Examples.replaced(example, "</inhoud>",
                "</inhoud>" + VERSTREKKING)));

        assertThat(r.code()).isEqualTo(RejectionCode.VERSTREKKING_NOT_ALLOWED);
        assertThat(r.safeDetail()).isEqualTo(RejectionCode.VERSTREKKING_NOT_ALLOWED.title())
                .doesNotContain("gemeente-enschede").doesNotContain("wmo-nazorg");
    }

    @Test
    void anInvalidVerstrekkingIsSchemaInvalidAndOneOutsideItsPlaceToo() {
        assertRejected(() -> PARSER.parse(Examples.replaced("overdracht.xml", "</inhoud>",
                "</inhoud><verstrekking><ontvanger>gemeente-enschede</ontvanger></verstrekking>")),
                RejectionCode.SCHEMA_INVALID);
        assertRejected(() -> PARSER.parse(Examples.replaced("overdracht.xml", "<inhoud>",
                VERSTREKKING + "<inhoud>")), RejectionCode.SCHEMA_INVALID);
    }

    @Test
    void examplesHaveDistinctIdsAndTheSameParticipant() {
        List<ParsedBericht> all = Examples.names().stream().map(n -> PARSER.parse(Examples.bytes(n))).toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(8);
        assertThat(all).extracting(m -> m.envelope().berichtId()).doesNotHaveDuplicates();
        assertThat(all).extracting(m -> m.envelope().deelnemer()).containsOnly("HVHT-2026-0042");
    }

    @Test
    void withheldSectionLeavesAValidMessageWithFewerCategories() {
        String xml = Examples.text("overdracht.xml");
        String withoutHealth = xml.replaceAll("(?s)<gezondheid>.*</gezondheid>", "")
                .replace("</netwerk>", "</netwerk>\n      <ingehoudenCategorie>gezondheid</ingehoudenCategorie>");

        ParsedBericht m = PARSER.parse(withoutHealth.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(m.categories()).doesNotContain(GEZONDHEID).contains(BASISVOORWAARDEN, DETENTIE);
        assertThat(m.bericht().getInhoud().getOverdracht().getIngehoudenCategorie()).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing berichtId      | <berichtId>3f1c2a9e-8d4b-4c6a-9e2f-1b7d5a0c4e81</berichtId> | ''",
        "upper-case berichtId   | 3f1c2a9e-8d4b-4c6a-9e2f-1b7d5a0c4e81 | 3F1C2A9E-8D4B-4C6A-9E2F-1B7D5A0C4E81",
        "unknown berichtType    | <berichtType>Overdracht</berichtType> | <berichtType>Onbekend</berichtType>",
        "type/body mismatch     | <berichtType>Overdracht</berichtType> | <berichtType>Trajectplan</berichtType>",
        "bad doel               | <doel>nazorg</doel> | <doel>marketing</doel>",
        "no timezone            | 2026-03-02T09:15:00+01:00 | 2026-03-02T09:15:00",
        "hour 24                | 2026-03-02T09:15:00+01:00 | 2026-03-02T24:00:00+01:00",
        "bad afzender           | <afzender>hvht</afzender> | <afzender>HvHT</afzender>",
        "bad gemeente id        | <gemeente>gemeente-enschede</gemeente> | <gemeente>gemeente enschede</gemeente>",
        "wrong versie           | versie=\"1.0\" | versie=\"2.0\"",
        "wrong namespace        | urn:nl:hvht:ketenpoort:bericht:v1 | urn:nl:hvht:ketenpoort:bericht:v2",
        "BSN in deelnemer       | <deelnemer>HVHT-2026-0042</deelnemer> | <deelnemer>999993653 </deelnemer>",
        "unknown element        | <medicatie>Geen.</medicatie> | <medicatie>Geen.</medicatie><extra>x</extra>",
        "bad status             | <status>geregeld</status> | <status>misschien</status>",
    })
    void schemaInvalidVariantsAreRefused(String name, String from, String to) {
        assertRejected(() -> PARSER.parse(Examples.replaced("overdracht.xml", from, to)), RejectionCode.SCHEMA_INVALID);
    }

    @Test
    void tooManyOntvangersIsSchemaInvalid() {
        String ontvangers = "<ontvanger>gemeente-almelo</ontvanger>".repeat(51);
        assertRejected(() -> PARSER.parse(Examples.replaced("overdracht.xml",
                "<afzender>hvht</afzender>", "<afzender>hvht</afzender>" + ontvangers)), RejectionCode.SCHEMA_INVALID);
    }

    @Test
    void duplicateLeefgebiedIsSchemaInvalid() {
        assertRejected(() -> PARSER.parse(Examples.replaced("trajectplan.xml",
                "<domein>partner</domein>", "<domein>wonen</domein>")), RejectionCode.SCHEMA_INVALID);
    }

    @Test
    void overlongTextIsSchemaInvalid() {
        assertRejected(() -> PARSER.parse(Examples.replaced("overdracht.xml",
                "<medicatie>Geen.</medicatie>", "<medicatie>" + "x".repeat(2001) + "</medicatie>")),
                RejectionCode.SCHEMA_INVALID);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<bsn>999993653</bsn> | <bsn>GEHEIM12345</bsn>",
        "<geboortedatum>1989-06-15</geboortedatum> | <geboortedatum>GEHEIM12345</geboortedatum>",
        "<achternaam>Voorbeeld</achternaam> | <achternaam>Voorbeeld</achternaam><GEHEIM12345/>",
    })
    void detailsNeverQuoteContent(String from, String to) {
        Rejection r = rejection(() -> PARSER.parse(Examples.replaced("overdracht.xml", from, to)));

        assertThat(r.code()).isEqualTo(RejectionCode.SCHEMA_INVALID);
        assertThat(r.safeDetail()).doesNotContain("GEHEIM12345").contains("regel");
        assertThat(r.getMessage()).doesNotContain("GEHEIM12345").doesNotContain("cvc-");
    }

    @Test
    void malformedIsRefusedWithoutQuotingTheParser() {
        byte[] malformed = Examples.replaced("overdracht.xml", "<voornamen>Pieter Jan</voornamen>",
                "<voornamen>Pieter&geheimeNaam;Jan</voornamen>");
        Rejection r = rejection(() -> PARSER.parse(malformed));

        assertThat(r.code()).isEqualTo(RejectionCode.XML_MALFORMED);
        assertThat(r.getMessage()).doesNotContain("geheimeNaam");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not xml", "<bericht", "<?xml version=\"1.0\"?><a></b>"})
    void notXmlIsMalformed(String input) {
        assertRejected(() -> PARSER.parse(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                RejectionCode.XML_MALFORMED);
    }

    @Test
    void invalidUtf8IsMalformed() {
        byte[] xml = Examples.bytes("retourbericht.xml");
        byte[] broken = java.util.Arrays.copyOf(xml, xml.length);
        int at = Examples.text("retourbericht.xml").indexOf("Overdracht ontvangen");
        broken[at] = (byte) 0xC3;
        broken[at + 1] = (byte) 0x28; // invalid 2-byte sequence
        assertRejected(() -> PARSER.parse(broken), RejectionCode.XML_MALFORMED);
    }

    @Test
    void isThreadSafe() throws Exception {
        Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String> names = List.of("overdracht.xml", "trajectplan.xml", "verwijzing.xml", "verwijzingsantwoord.xml",
                "retourbericht.xml");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 200; i++) {
                String name = names.get(i % names.size());
                futures.add(pool.submit(() -> ids.add(PARSER.parse(Examples.bytes(name)).envelope().berichtId())));
            }
            for (var f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(ids).hasSize(5);
    }

    static Rejection rejection(ThrowingCallable call) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(t).isInstanceOf(Rejection.class);
        return (Rejection) t;
    }

    static void assertRejected(ThrowingCallable call, RejectionCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(Rejection.class, r -> assertThat(r.code()).isEqualTo(code));
    }
}
