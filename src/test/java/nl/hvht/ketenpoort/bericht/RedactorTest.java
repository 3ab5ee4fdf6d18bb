package nl.hvht.ketenpoort.bericht;

import static nl.hvht.ketenpoort.bericht.Categorie.BEHANDELING;
import static nl.hvht.ketenpoort.bericht.Categorie.DETENTIE;
import static nl.hvht.ketenpoort.bericht.Categorie.GEZONDHEID;
import static nl.hvht.ketenpoort.bericht.Categorie.IDENTIFICATIE;
import static nl.hvht.ketenpoort.bericht.Categorie.NETWERK;
import static nl.hvht.ketenpoort.bericht.Categorie.RISICO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.xml.bind.JAXBException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import nl.hvht.ketenpoort.bericht.v1.Bericht;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

class RedactorTest {

    private static final Redactor REDACTOR = new Redactor(Examples.CATALOG);
    private static final String NS = SchemaResources.NAMESPACE;
    private static final UUID VERKLARING = UUID.fromString("5c6d7e8f-9a0b-4c1d-8e2f-3a4b5c6d7e8f");
    private static final UUID DOORBRAAK = UUID.fromString("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static final Verstrekking AAN_GEMEENTE =
            new Verstrekking("gemeente-enschede", VerstrekkingGrondslag.toestemming(VERKLARING, 2));

    static Stream<Arguments> everyExampleWithEveryCategory() {
        List<Arguments> all = new ArrayList<>();
        for (String example : Examples.names()) {
            for (Categorie category : Categorie.values()) {
                all.add(Arguments.of(example, category));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("everyExampleWithEveryCategory")
    void eachExampleCutWithEachCategoryIsValidAndHoldsNothingOfIt(String example, Categorie category) {
        ParsedBericht message = Examples.PARSER.parse(Examples.bytes(example));

        byte[] out = REDACTOR.cut(message, Set.of(category), AAN_GEMEENTE);

        assertValid(out);
        Element body = body(dom(out));
        for (Element section : children(body)) {
            assertThat(Examples.CATALOG.categoryOf(body.getLocalName(), section.getLocalName()))
                    .as("section %s", section.getLocalName()).isNotEqualTo(java.util.Optional.of(category));
        }
        List<String> ingehouden = ingehouden(body);
        if (message.categories().contains(category)) {
            assertThat(ingehouden).containsOnlyOnce(category.code());
        } else {
            assertThat(ingehouden).doesNotContain(category.code());
        }
        String text = new String(out, StandardCharsets.UTF_8);
        text = text.substring(0, text.indexOf("<verstrekking>")); // the recipient's own id is no leak
        Set<String> outTexts = new HashSet<>();
        collectTexts(body(dom(out)), null, category, false, new HashSet<>(), outTexts); // body: not the verstrekking
        Texts texts = texts(message.xml(), category);
        for (String secret : texts.onlyInside()) {
            assertThat(outTexts).as("content of a withheld %s section", category).doesNotContain(secret);
            if (secret.length() >= 12 && texts.outside().stream().noneMatch(o -> o.contains(secret))) {
                assertThat(text).as("content of a withheld %s section", category).doesNotContain(secret);
            }
        }
        assertThat(bericht(out).getVerstrekking().getOntvanger()).isEqualTo("gemeente-enschede");
    }

    @Test
    void withheldContentIsGoneEvenWhereItIsAMarker() {
        String marker = "GEHEIM-MARKER-7731";
        byte[] xml = Examples.replaced("overdracht.xml", "<medicatie>Geen.</medicatie>",
                "<!-- " + marker + " --><medicatie>" + marker + "</medicatie><?pi " + marker + "?>");
        ParsedBericht message = Examples.PARSER.parse(xml);

        String withheld = new String(REDACTOR.cut(message, Set.of(GEZONDHEID), AAN_GEMEENTE), StandardCharsets.UTF_8);
        String kept = new String(REDACTOR.cut(message, Set.of(RISICO), AAN_GEMEENTE), StandardCharsets.UTF_8);

        assertThat(withheld).doesNotContain(marker).doesNotContain("<gezondheid>")
                .contains("<ingehoudenCategorie>gezondheid</ingehoudenCategorie>");
        assertThat(kept).contains("<medicatie>" + marker + "</medicatie>")
                .doesNotContain("<!--").doesNotContain("<?pi"); // comments and PIs are never passed on
    }

    @Test
    void detentiemeldingWithheldDetentieKeepsTheRoutingField() {
        String marker = "GEHEIM-INRICHTING-4410";
        ParsedBericht message = Examples.PARSER.parse(Examples.replaced("detentiemelding.xml",
                "PI Almelo, Huis van Herstel Twente", marker));

        byte[] out = REDACTOR.cut(message, Set.of(DETENTIE), AAN_GEMEENTE);

        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain(marker).doesNotContain("datumInsluiting");
        assertThat(bericht(out).getInhoud().getDetentiemelding().getWoongemeente()).isEqualTo("gemeente-almelo");
        assertThat(bericht(out).getInhoud().getDetentiemelding().getIngehoudenCategorie())
                .extracting(c -> c.value()).containsExactly("detentie");
    }

    @Test
    void severalWithheldCategoriesAreListedInCategoryOrder() {
        ParsedBericht message = Examples.PARSER.parse(Examples.bytes("overdracht.xml"));

        byte[] out = REDACTOR.cut(message, EnumSet.of(NETWERK, GEZONDHEID, IDENTIFICATIE), AAN_GEMEENTE);

        Element body = body(dom(out));
        assertThat(ingehouden(body)).containsExactly("identificatie", "gezondheid", "netwerk");
        assertThat(children(body)).extracting(Element::getLocalName).containsExactly("uitstroom", "toezicht",
                "basisvoorwaarden", "leefgebieden", "behandeling", "signaleringsplan", "ingehoudenCategorie",
                "ingehoudenCategorie", "ingehoudenCategorie");
    }

    @Test
    void theSendersIngehoudenCategorieenAreKeptAndNotDuplicated() {
        String xml = Examples.text("overdracht.xml").replaceAll("(?s)<gezondheid>.*</gezondheid>", "")
                .replace("</netwerk>", "</netwerk>\n      <ingehoudenCategorie>gezondheid</ingehoudenCategorie>");
        ParsedBericht message = Examples.PARSER.parse(xml.getBytes(StandardCharsets.UTF_8));

        byte[] out = REDACTOR.cut(message, EnumSet.of(GEZONDHEID, DETENTIE, NETWERK), AAN_GEMEENTE);

        assertValid(out);
        assertThat(ingehouden(body(dom(out)))).containsExactly("detentie", "gezondheid", "netwerk");
    }

    @Test
    void twoRecipientsGetDifferentCutsOfOneMessage() {
        ParsedBericht message = Examples.PARSER.parse(Examples.bytes("overdracht.xml"));
        byte[] original = message.xml().clone();

        byte[] gemeente = REDACTOR.cut(message, Set.of(GEZONDHEID), AAN_GEMEENTE);
        byte[] transfore = REDACTOR.cut(message, EnumSet.of(DETENTIE, RISICO),
                new Verstrekking("transfore", VerstrekkingGrondslag.toestemming(VERKLARING, 1)));

        Bericht g = bericht(gemeente);
        Bericht t = bericht(transfore);
        assertThat(g.getInhoud().getOverdracht().getGezondheid()).isNull();
        assertThat(g.getInhoud().getOverdracht().getUitstroom()).isNotNull();
        assertThat(g.getVerstrekking().getOntvanger()).isEqualTo("gemeente-enschede");
        assertThat(t.getInhoud().getOverdracht().getGezondheid()).isNotNull();
        assertThat(t.getInhoud().getOverdracht().getUitstroom()).isNull();
        assertThat(t.getInhoud().getOverdracht().getToezicht()).isNull();
        assertThat(t.getInhoud().getOverdracht().getSignaleringsplan()).isNull();
        assertThat(t.getInhoud().getOverdracht().getIngehoudenCategorie()).extracting(c -> c.value())
                .containsExactly("detentie", "risico");
        assertThat(t.getVerstrekking().getOntvanger()).isEqualTo("transfore");
        assertThat(message.xml()).isEqualTo(original);
    }

    @Test
    void verstrekkingCarriesEachKindOfGround() {
        ParsedBericht message = Examples.PARSER.parse(Examples.bytes("verwijzing.xml"));
        Verstrekking verstrekking = new Verstrekking("transfore", List.of(VerstrekkingGrondslag.toestemming(VERKLARING, 3),
                VerstrekkingGrondslag.wettelijkeTaak("wmo-nazorg"), VerstrekkingGrondslag.doorbraak(DOORBRAAK)));

        byte[] out = REDACTOR.cut(message, Set.of(), verstrekking);

        assertValid(out);
        var v = bericht(out).getVerstrekking();
        assertThat(v.getOntvanger()).isEqualTo("transfore");
        assertThat(v.getGrondslag()).hasSize(3);
        assertThat(v.getGrondslag().get(0).getToestemming().getVerklaringId()).isEqualTo(VERKLARING.toString());
        assertThat(v.getGrondslag().get(0).getToestemming().getVersie()).isEqualTo(java.math.BigInteger.valueOf(3));
        assertThat(v.getGrondslag().get(1).getWettelijkeTaak()).isEqualTo("wmo-nazorg");
        assertThat(v.getGrondslag().get(2).getDoorbraak()).isEqualTo(DOORBRAAK.toString());
        for (VerstrekkingGrondslag alone : verstrekking.grondslagen()) {
            assertValid(REDACTOR.cut(message, Set.of(RISICO), new Verstrekking("transfore", alone)));
        }
    }

    @Test
    void nothingWithheldStillAddsTheVerstrekkingAndKeepsTheRestAsItWas() {
        ParsedBericht message = Examples.PARSER.parse(Examples.bytes("overdracht.xml"));

        String out = new String(REDACTOR.cut(message, Set.of(), AAN_GEMEENTE), StandardCharsets.UTF_8);

        String in = Examples.text("overdracht.xml");
        assertThat(between(out, "<envelop>", "</inhoud>")).isEqualTo(between(in, "<envelop>", "</inhoud>"));
        assertThat(out).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<bericht ")
                .contains("</inhoud>\n  <verstrekking>\n    <ontvanger>gemeente-enschede</ontvanger>\n    <grondslag>\n"
                        + "      <toestemming>\n        <verklaringId>" + VERKLARING + "</verklaringId>\n"
                        + "        <versie>2</versie>\n      </toestemming>\n    </grondslag>\n  </verstrekking>\n"
                        + "</bericht>")
                .doesNotContain("ingehoudenCategorie");
    }

    @Test
    void namespacePrefixesOfTheInputAreKept() {
        String in = Examples.text("overdracht.xml").replace("xmlns=\"" + NS + "\"", "xmlns:kp=\"" + NS + "\"")
                .replaceAll("<(/?)([a-zA-Z])", "<$1kp:$2");
        ParsedBericht message = Examples.PARSER.parse(in.getBytes(StandardCharsets.UTF_8));

        byte[] out = REDACTOR.cut(message, Set.of(BEHANDELING), AAN_GEMEENTE);

        assertValid(out);
        String text = new String(out, StandardCharsets.UTF_8);
        assertThat(text).contains("<kp:verstrekking>", "<kp:ingehoudenCategorie>behandeling</kp:ingehoudenCategorie>",
                "<kp:grondslag>").doesNotContain("<verstrekking").doesNotContain("<kp:behandeling>");
        assertThat(text.split("xmlns:kp=", -1)).hasSize(2); // declared once, on the root
    }

    @Test
    void aMessageThatAlreadyHasAVerstrekkingIsNotCutAgain() {
        ParsedBericht message = Examples.PARSER.parse(Examples.bytes("overdracht.xml"));
        ParsedBericht cut = new ParsedBericht(REDACTOR.cut(message, Set.of(), AAN_GEMEENTE), message.bericht(),
                message.envelope(), message.categories());

        assertThatThrownBy(() -> REDACTOR.cut(cut, Set.of(GEZONDHEID), AAN_GEMEENTE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("verstrekking");
    }

    /**
     * Copies are not validated again at run time (the Redactor's javadoc says why): every example cut with every
     * subset of categories, several recipients from one parse, is valid and is exactly its own single cut.
     */
    @Test
    void everyCutOfEveryExampleWithEverySetOfCategoriesIsValidAndCutEachEqualsCut() {
        Categorie[] all = Categorie.values();
        Verstrekking wettelijk = new Verstrekking("transfore", List.of(VerstrekkingGrondslag.wettelijkeTaak("wmo-nazorg"),
                VerstrekkingGrondslag.doorbraak(DOORBRAAK)));
        for (String example : Examples.names()) {
            ParsedBericht message = Examples.PARSER.parse(Examples.bytes(example));
            List<Redactor.Cut> cuts = new ArrayList<>();
            for (int mask = 0; mask < 1 << all.length; mask++) {
                Set<Categorie> withheld = EnumSet.noneOf(Categorie.class);
                for (int i = 0; i < all.length; i++) {
                    if ((mask & 1 << i) != 0) {
                        withheld.add(all[i]);
                    }
                }
                cuts.add(new Redactor.Cut(withheld, mask % 2 == 0 ? AAN_GEMEENTE : wettelijk));
            }
            for (int from = 0; from < cuts.size(); from += 7) {
                List<Redactor.Cut> group = cuts.subList(from, Math.min(from + 7, cuts.size()));
                List<byte[]> copies = REDACTOR.cutEach(message, group);
                assertThat(copies).hasSize(group.size());
                for (int i = 0; i < group.size(); i++) {
                    assertValid(copies.get(i));
                    assertThat(copies.get(i)).as("%s cut %s", example, group.get(i).withheld())
                            .isEqualTo(REDACTOR.cut(message, group.get(i).withheld(), group.get(i).verstrekking()));
                }
            }
        }
    }

    @Test
    void isThreadSafe() throws Exception {
        List<ParsedBericht> messages = Examples.names().stream()
                .map(n -> Examples.PARSER.parse(Examples.bytes(n))).toList();
        Categorie[] categories = Categorie.values();
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            expected.add(REDACTOR.cut(messages.get(i % messages.size()), Set.of(categories[i % categories.length]),
                    AAN_GEMEENTE));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                futures.add(pool.submit(() -> REDACTOR.cut(messages.get(n % messages.size()),
                        Set.of(categories[n % categories.length]), AAN_GEMEENTE)));
            }
            for (int i = 0; i < 200; i++) {
                assertThat(futures.get(i).get()).isEqualTo(expected.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void verstrekkingAndGrondslagAreCheckedAndPrintIdsOnly() {
        Verstrekking v = new Verstrekking("transfore", List.of(VerstrekkingGrondslag.toestemming(VERKLARING, 1),
                VerstrekkingGrondslag.toestemming(VERKLARING, 1), VerstrekkingGrondslag.wettelijkeTaak("reclasseringstoezicht")));

        assertThat(v.grondslagen()).hasSize(2);
        assertThat(v.toString()).isEqualTo("Verstrekking[ontvanger=transfore, grondslagen=[VerstrekkingGrondslag[toestemming:"
                + VERKLARING + ":1], VerstrekkingGrondslag[wettelijke-taak:reclasseringstoezicht]]]");
        assertThat(VerstrekkingGrondslag.doorbraak(DOORBRAAK).code()).isEqualTo("doorbraak:" + DOORBRAAK);
        assertThatThrownBy(() -> new Verstrekking("Transfore B.V.", VerstrekkingGrondslag.doorbraak(DOORBRAAK)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("Transfore");
        assertThatThrownBy(() -> new Verstrekking("transfore", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerstrekkingGrondslag.toestemming(VERKLARING, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VerstrekkingGrondslag.wettelijkeTaak("Wet op iets")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Wet op");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static void assertValid(byte[] xml) {
        try {
            Examples.SCHEMA.schema().newValidator().validate(new StreamSource(new ByteArrayInputStream(xml)));
        } catch (Exception e) {
            throw new AssertionError("redacted output is not valid: " + e.getMessage(), e);
        }
    }

    private static Bericht bericht(byte[] xml) {
        try {
            return (Bericht) Examples.SCHEMA.jaxbContext().createUnmarshaller()
                    .unmarshal(new ByteArrayInputStream(xml));
        } catch (JAXBException e) {
            throw new AssertionError(e);
        }
    }

    private static Document dom(byte[] xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultNSInstance();
            f.setFeature(HardenedXml.DISALLOW_DOCTYPE, true);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Element body(Document doc) {
        Element inhoud = children(doc.getDocumentElement()).stream()
                .filter(e -> "inhoud".equals(e.getLocalName())).findFirst().orElseThrow();
        return children(inhoud).get(0);
    }

    private static List<String> ingehouden(Element body) {
        return children(body).stream().filter(e -> "ingehoudenCategorie".equals(e.getLocalName()))
                .map(Node::getTextContent).toList();
    }

    private record Texts(Set<String> onlyInside, Set<String> outside) {
    }

    /** Leaf texts (4+ characters) inside sections of the category that are no text node elsewhere, and the rest. */
    private static Texts texts(byte[] xml, Categorie category) {
        Element body = body(dom(xml));
        Set<String> inside = new HashSet<>();
        Set<String> outside = new HashSet<>();
        collectTexts(body.getOwnerDocument().getDocumentElement(), body, category, false, inside, outside);
        inside.removeAll(outside);
        return new Texts(inside, outside);
    }

    private static void collectTexts(Element e, Element body, Categorie category, boolean withheld,
            Set<String> inside, Set<String> outside) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                boolean section = e == body && Examples.CATALOG.categoryOf(body.getLocalName(), child.getLocalName())
                        .filter(category::equals).isPresent();
                collectTexts(child, body, category, withheld || section, inside, outside);
            } else if (n.getNodeType() == Node.TEXT_NODE && n.getNodeValue().strip().length() >= 4) {
                (withheld ? inside : outside).add(n.getNodeValue().strip());
            }
        }
    }

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                result.add(e);
            }
        }
        return result;
    }

    private static String between(String s, String from, String to) {
        return s.substring(s.indexOf(from), s.indexOf(to) + to.length());
    }
}
