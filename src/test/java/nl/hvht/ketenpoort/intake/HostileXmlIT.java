package nl.hvht.ketenpoort.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import nl.hvht.ketenpoort.problem.RejectionCode;
import nl.hvht.ketenpoort.support.GatewayTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Hostile XML through the real HTTPS API (mutual TLS, the whole pipeline behind it): every external fetch
 * would go to a local listener that must see zero requests; every refusal has its stable code, stores,
 * queues and delivers nothing, leaves one REJECTED audit record and echoes nothing that was planted.
 */
class HostileXmlIT extends GatewayTestSupport {

    private static final String NS = "urn:nl:hvht:ketenpoort:bericht:v1";
    /** What the listener serves; must never show up anywhere. */
    private static final String LISTENER_SECRET = "LUISTERAAR-GEHEIM-7731";
    /** An internal entity's value; must never show up anywhere. */
    private static final String ENTITY_SECRET = "ENTITEIT-GEHEIM-4412";

    @Autowired
    private JdbcTemplate jdbc;

    private RefusalChecks checks;
    private HttpServer listener;
    private final AtomicInteger hits = new AtomicInteger();
    private String base;
    private String deelnemer;
    private Example overdracht;

    @BeforeEach
    void setUp() throws Exception {
        checks = new RefusalChecks(jdbc, PARTNERS);
        listener = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        listener.createContext("/", exchange -> {
            hits.incrementAndGet();
            byte[] body = ("<!ENTITY leak \"" + LISTENER_SECRET + "\"> " + LISTENER_SECRET).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        listener.start();
        base = "http://127.0.0.1:" + listener.getAddress().getPort();
        deelnemer = newParticipant();
        // With full consent, anything that slipped through would be delivered, and the checks would see it.
        registerFullConsent(deelnemer, "gemeente-enschede", "reclassering-nederland", "transfore");
        overdracht = example("overdracht", deelnemer);
    }

    @AfterEach
    void stopListener() {
        listener.stop(0);
    }

    @Test
    void externalEntityToLocalListener() {
        refused(withDoctype("<!DOCTYPE bericht [<!ENTITY xxe SYSTEM \"" + base + "/xxe\">]>",
                "<voornamen>Pieter Jan</voornamen>", "<voornamen>&xxe;</voornamen>"), RejectionCode.XML_DTD_FORBIDDEN);
    }

    @Test
    void externalEntityToLocalFile() {
        refused(withDoctype("<!DOCTYPE bericht [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                "<voornamen>Pieter Jan</voornamen>", "<voornamen>&xxe;</voornamen>"), RejectionCode.XML_DTD_FORBIDDEN,
                "root:", "/bin/");
    }

    @Test
    void externalDtdOnLocalListener() {
        refused(withDoctype("<!DOCTYPE bericht SYSTEM \"" + base + "/bericht.dtd\">", null, null),
                RejectionCode.XML_DTD_FORBIDDEN);
    }

    @Test
    void parameterEntitiesFromLocalListener() {
        refused(withDoctype("<!DOCTYPE bericht [<!ENTITY % remote SYSTEM \"" + base + "/pe.dtd\"> %remote;]>",
                "<voornamen>Pieter Jan</voornamen>", "<voornamen>&leak;</voornamen>"), RejectionCode.XML_DTD_FORBIDDEN);
    }

    @Test
    void internalEntityValueIsNeverEchoed() {
        refused(withDoctype("<!DOCTYPE bericht [<!ENTITY geheim \"" + ENTITY_SECRET + "\">]>",
                "<voornamen>Pieter Jan</voornamen>", "<voornamen>&geheim;</voornamen>"), RejectionCode.XML_DTD_FORBIDDEN);
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE bericht [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        Instant start = Instant.now();

        refused(withDoctype(dtd.toString(), "<voornamen>Pieter Jan</voornamen>", "<voornamen>&lol10;</voornamen>"),
                RejectionCode.XML_DTD_FORBIDDEN, "lollol");

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void fiftyThousandDeepNestingHitsTheDepthLimit() {
        int depth = 50_000;
        String xml = overdracht.xml().replace("</medicatie>", "</medicatie>" + "<a>".repeat(depth) + "</a>".repeat(depth));
        assertThat(xml.length()).isLessThan(1024 * 1024);
        Instant start = Instant.now();

        refused(xml, RejectionCode.XML_LIMIT_EXCEEDED);

        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void schemaLocationOnAForeignElementIsSchemaInvalidWithoutFetching() {
        String xml = overdracht.xml().replace("</medicatie>",
                "</medicatie><k:x xmlns:k=\"urn:kwaad\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                        + " xsi:schemaLocation=\"urn:kwaad " + base + "/kwaad.xsd\""
                        + " xsi:noNamespaceSchemaLocation=\"" + base + "/geen.xsd\"/>");

        refused(xml, RejectionCode.SCHEMA_INVALID, "kwaad");
    }

    @Test
    void schemaLocationHintOnAValidMessageIsIgnored() {
        String hint = " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"" + NS + " "
                + base + "/bericht.xsd\"";
        String xml = overdracht.xml().replace("versie=\"1.0\">", "versie=\"1.0\"" + hint + ">");

        HttpResponse<String> response = submit("hvht", xml);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(awaitSettled("hvht", overdracht.berichtId())).containsOnlyKeys("gemeente-enschede", "reclassering-nederland")
                .allSatisfy((recipient, status) -> assertThat(status).isEqualTo("DELIVERED"));
        assertThat(hits).as("schema fetched from the hint").hasValue(0);
    }

    @Test
    void xincludeIsNotProcessed() {
        Example verwijzing = example("verwijzing", deelnemer);
        String xml = verwijzing.xml().replace("<hulpvraag>",
                "<hulpvraag><xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"" + base
                        + "/include.xml\" parse=\"text\"/>");
        assertThat(xml).contains("xi:include");
        long before = checks.auditHead();

        HttpResponse<String> response = submit("hvht", xml);

        checks.assertRefused(response, RejectionCode.SCHEMA_INVALID, verwijzing.berichtId(), "hvht", before,
                deelnemer, LISTENER_SECRET, base, "include", "agressieregulatie");
        assertThat(hits).hasValue(0);
    }

    @Test
    void oversizedBodyIsRefusedBeforeParsing() {
        String padding = "<!-- " + "x".repeat(1024 * 1024) + " -->";
        String xml = overdracht.xml().replace("<inhoud>", padding + "<inhoud>");
        assertThat(xml.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1024 * 1024);

        refused(xml, RejectionCode.PAYLOAD_TOO_LARGE, "xxxxxxxx");
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /** Posts as hvht and asserts the refusal, zero listener hits and no planted value anywhere. */
    private void refused(String xml, RejectionCode code, String... alsoForbidden) {
        assertThat(xml).contains(overdracht.berichtId());
        long before = checks.auditHead();

        HttpResponse<String> response = submit("hvht", xml);

        // Not the participant, not a planted value, no URL from the input, no parser message.
        String[] forbidden = new String[alsoForbidden.length + 6];
        forbidden[0] = deelnemer;
        forbidden[1] = LISTENER_SECRET;
        forbidden[2] = ENTITY_SECRET;
        forbidden[3] = "Pieter Jan";
        forbidden[4] = base;
        forbidden[5] = "disallowed";
        System.arraycopy(alsoForbidden, 0, forbidden, 6, alsoForbidden.length);
        Map<String, Object> rejected = checks.assertRefused(response, code, overdracht.berichtId(), "hvht", before, forbidden);
        assertThat(rejected.get("trace_id")).as("trace id of the refused request").isNotNull();
        assertThat(hits).as("requests to the local listener").hasValue(0);
    }

    private String withDoctype(String doctype, String from, String to) {
        String xml = overdracht.xml();
        if (from != null) {
            assertThat(xml).contains(from);
            xml = xml.replace(from, to);
        }
        return xml.replace("<bericht xmlns=", doctype + "\n<bericht xmlns=");
    }
}
