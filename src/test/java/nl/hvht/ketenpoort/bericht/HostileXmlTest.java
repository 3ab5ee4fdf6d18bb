package nl.hvht.ketenpoort.bericht;

import nl.hvht.ketenpoort.problem.RejectionCode;

import nl.hvht.ketenpoort.problem.Rejection;

import static nl.hvht.ketenpoort.bericht.BerichtParserTest.assertRejected;
import static nl.hvht.ketenpoort.bericht.BerichtParserTest.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** Hostile input: every external fetch goes to a local listener that must see zero requests. */
class HostileXmlTest {

    private static final String NS = "urn:nl:hvht:ketenpoort:bericht:v1";
    private static final BerichtParser PARSER = Examples.PARSER;

    private HttpServer listener;
    private final AtomicInteger hits = new AtomicInteger();
    private String base;

    @BeforeEach
    void startListener() throws Exception {
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = "<!ENTITY leak \"gelekt\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        listener.start();
        base = "http://127.0.0.1:" + listener.getAddress().getPort();
    }

    @AfterEach
    void stopListener() {
        listener.stop(0);
    }

    @Test
    void xxeToLocalListenerIsRefusedWithoutFetching() {
        byte[] xml = withDoctype("<!DOCTYPE bericht [<!ENTITY xxe SYSTEM \"" + base + "/xxe\">]>",
                "<voornamen>Pieter Jan</voornamen>", "<voornamen>&xxe;</voornamen>");

        assertRejected(() -> PARSER.parse(xml), RejectionCode.XML_DTD_FORBIDDEN);
        assertThat(hits).hasValue(0);
    }

    @Test
    void xxeToLocalFileIsRefused() {
        byte[] xml = withDoctype("<!DOCTYPE bericht [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                "<voornamen>Pieter Jan</voornamen>", "<voornamen>&xxe;</voornamen>");

        Rejection r = rejection(() -> PARSER.parse(xml));
        assertThat(r.code()).isEqualTo(RejectionCode.XML_DTD_FORBIDDEN);
        assertThat(r.getMessage()).doesNotContain("root:");
    }

    @Test
    void externalDtdIsRefusedWithoutFetching() {
        byte[] xml = withDoctype("<!DOCTYPE bericht SYSTEM \"" + base + "/bericht.dtd\">", null, null);

        assertRejected(() -> PARSER.parse(xml), RejectionCode.XML_DTD_FORBIDDEN);
        assertThat(hits).hasValue(0);
    }

    @Test
    void parameterEntitiesAreRefusedWithoutFetching() {
        byte[] xml = withDoctype("<!DOCTYPE bericht [<!ENTITY % remote SYSTEM \"" + base + "/pe.dtd\"> %remote;]>",
                "<voornamen>Pieter Jan</voornamen>", "<voornamen>&leak;</voornamen>");

        assertRejected(() -> PARSER.parse(xml), RejectionCode.XML_DTD_FORBIDDEN);
        assertThat(hits).hasValue(0);
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE bericht [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        byte[] xml = withDoctype(dtd.toString(), "<voornamen>Pieter Jan</voornamen>", "<voornamen>&lol10;</voornamen>");

        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertRejected(() -> PARSER.parse(xml), RejectionCode.XML_DTD_FORBIDDEN));
    }

    @Test
    void fiftyThousandDeepNestingHitsTheDepthLimitQuickly() {
        int depth = 50_000;
        String xml = "<bericht xmlns=\"" + NS + "\" versie=\"1.0\">" + "<a>".repeat(depth) + "</a>".repeat(depth)
                + "</bericht>";
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);

        Rejection r = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> rejection(() -> PARSER.parse(bytes)));
        assertThat(r.code()).isEqualTo(RejectionCode.XML_LIMIT_EXCEEDED);
    }

    @Test
    void depthJustInsideTheLimitIsOnlySchemaInvalid() {
        BerichtParser strict = new BerichtParser(new BerichtProperties(DataSize.ofMegabytes(1), 64, 32, 100),
                Examples.SCHEMA, Examples.CATALOG);
        String ok = "<bericht xmlns=\"" + NS + "\" versie=\"1.0\">" + "<a>".repeat(63) + "</a>".repeat(63) + "</bericht>";
        String tooDeep = "<bericht xmlns=\"" + NS + "\" versie=\"1.0\">" + "<a>".repeat(64) + "</a>".repeat(64)
                + "</bericht>";

        assertRejected(() -> strict.parse(ok.getBytes(StandardCharsets.UTF_8)), RejectionCode.SCHEMA_INVALID);
        assertRejected(() -> strict.parse(tooDeep.getBytes(StandardCharsets.UTF_8)), RejectionCode.XML_LIMIT_EXCEEDED);
    }

    @Test
    void tooManyAttributesHitTheLimit() {
        StringBuilder attrs = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            attrs.append(" a").append(i).append("=\"x\"");
        }
        byte[] xml = Examples.replaced("retourbericht.xml", "<status>", "<status" + attrs + ">");

        assertRejected(() -> PARSER.parse(xml), RejectionCode.XML_LIMIT_EXCEEDED);
    }

    @Test
    void malformedAfterASchemaErrorIsReportedAsMalformed() {
        byte[] xml = Examples.replaced("retourbericht.xml", "</inhoud>", "<onbekend/></inhoud><kapot>");

        assertRejected(() -> PARSER.parse(xml), RejectionCode.XML_MALFORMED);
    }

    @Test
    void xincludeIsNotProcessed() {
        byte[] xml = Examples.replaced("verwijzing.xml", "<hulpvraag>",
                "<hulpvraag><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + base
                        + "/include.xml\" parse=\"text\"/>");

        assertRejected(() -> PARSER.parse(xml), RejectionCode.SCHEMA_INVALID);
        assertThat(hits).hasValue(0);
    }

    @Test
    void schemaLocationHintsAreIgnored() {
        String hint = " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"" + NS + " "
                + base + "/bericht.xsd urn:kwaad " + base + "/kwaad.xsd\"";
        byte[] valid = Examples.replaced("overdracht.xml", "versie=\"1.0\">", "versie=\"1.0\"" + hint + ">");
        byte[] foreign = Examples.replaced("overdracht.xml", "</medicatie>",
                "</medicatie><k:x xmlns:k=\"urn:kwaad\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                        + " xsi:schemaLocation=\"urn:kwaad " + base + "/kwaad.xsd\""
                        + " xsi:noNamespaceSchemaLocation=\"" + base + "/geen.xsd\"/>");

        assertThat(PARSER.parse(valid).envelope().berichtType()).isEqualTo("Overdracht");
        assertRejected(() -> PARSER.parse(foreign), RejectionCode.SCHEMA_INVALID);
        assertThat(hits).hasValue(0);
    }

    @Test
    void oversizedIsRefusedBeforeParsing() {
        byte[] huge = new byte[(int) DataSize.ofMegabytes(1).toBytes() + 1];
        java.util.Arrays.fill(huge, (byte) '<'); // not even XML: size is checked first

        assertRejected(() -> PARSER.parse(huge), RejectionCode.PAYLOAD_TOO_LARGE);
    }

    @Test
    void rejectionsCarryNoContent() {
        byte[] xml = withDoctype("<!DOCTYPE bericht [<!ENTITY geheim \"999993653\">]>",
                "<voornamen>Pieter Jan</voornamen>", "<voornamen>&geheim;</voornamen>");
        Rejection r = rejection(() -> PARSER.parse(xml));

        assertThat(r.code()).isEqualTo(RejectionCode.XML_DTD_FORBIDDEN);
        assertThat(r.getMessage()).doesNotContain("999993653").doesNotContain("DOCTYPE is disallowed");
    }

    @Test
    void pooledParserStaysUsableAfterEveryKindOfRefusal() {
        BerichtParser single = new BerichtParser(BerichtProperties.defaults(), Examples.SCHEMA, Examples.CATALOG);
        byte[] valid = Examples.bytes("verwijzing.xml");
        List<byte[]> refused = List.of(
                withDoctype("<!DOCTYPE bericht SYSTEM \"" + base + "/x.dtd\">", null, null),
                Examples.replaced("verwijzing.xml", "<urgentie>normaal</urgentie>", "<urgentie>nu</urgentie>"),
                Examples.replaced("verwijzing.xml", "</inhoud>", "<a>".repeat(100) + "</inhoud>"),
                Examples.replaced("verwijzing.xml", "<hulpvraag>", "<hulpvraag><x/>"),
                Examples.replaced("verwijzing.xml", "</bericht>", ""));
        for (byte[] bad : refused) {
            assertThat(rejection(() -> single.parse(bad)).code()).isNotNull();
            assertThat(single.parse(valid).categories()).hasSize(4);
        }
        assertThat(hits).hasValue(0);
    }

    @Test
    void manyPredefinedEntityReferencesAreNotEntityExpansions() {
        byte[] xml = Examples.replaced("verwijzing.xml", "<samenvatting>Twee",
                "<samenvatting>" + "&amp;&lt;&#233;".repeat(600) + "Twee");

        assertThat(PARSER.parse(xml).envelope().berichtType()).isEqualTo("Verwijzing");
    }

    private static byte[] withDoctype(String doctype, String from, String to) {
        String xml = Examples.text("overdracht.xml");
        if (from != null) {
            xml = xml.replace(from, to);
        }
        return xml.replace("<bericht xmlns=", doctype + "\n<bericht xmlns=").getBytes(StandardCharsets.UTF_8);
    }
}
