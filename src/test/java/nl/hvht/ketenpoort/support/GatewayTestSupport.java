package nl.hvht.ketenpoort.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole gateway (Camel, embedded persistent Artemis, Flyway on a real
 * PostgreSQL) with every example partner's endpoint on one WireMock server that requires the gateway's
 * client certificate (mutual TLS, example CA). All subclasses share one Spring context. Each test uses
 * its own participant id and fresh berichtIds, so tests never see each other's consent or messages.
 */
// Inline so it holds before the environment post-processors run: tests never write the demo PKI.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ketenpoort.demo.generate-certs=false")
public abstract class GatewayTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    protected static final WireMockServer PARTNERS = startPartners();
    /** The SMTP server alert mails go to (alert.AlertsIT); never reset by the base class. */
    protected static final GreenMail MAIL = startMail();
    /** The alert webhook ({@code POST /alert}, plain HTTP, answers 200); never reset by the base class. */
    protected static final WireMockServer WEBHOOK = startWebhook();
    // Batched inserts as in production (docker-compose): the audit writer and ledger send one statement per batch.
    private static final String DATABASE_URL = TestPostgres.createDatabase("ketenpoort_it") + "&reWriteBatchedInserts=true";
    private static final Map<String, HttpClient> CLIENTS = new ConcurrentHashMap<>();
    /** The admin port (ketenpoort.admin.port): a free port picked once per JVM. */
    protected static final int ADMIN_PORT = freePort();
    private static final HttpClient ADMIN_CLIENT = HttpClient.newBuilder()
            .sslContext(TestPki.trustingContext())
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected ObjectMapper objectMapper;

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate adminJdbc;

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) throws IOException {
        Path artemis = Files.createTempDirectory("ketenpoort-artemis-");
        registry.add("spring.datasource.url", () -> DATABASE_URL);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.artemis.embedded.data-directory", artemis::toString);
        registry.add("ketenpoort.pki.dir", () -> TestPki.dir().toString());
        registry.add("ketenpoort.demo.enabled", () -> "false");
        registry.add("ketenpoort.demo.generate-certs", () -> "false");
        registry.add("ketenpoort.demo.seed-consent", () -> "false");
        registry.add("ketenpoort.demo.partner-base-url", () -> "https://localhost:" + PARTNERS.httpsPort() + "/ontvangst");
        registry.add("ketenpoort.delivery.max-attempts", () -> "4");
        registry.add("ketenpoort.delivery.redelivery-delay", () -> "100ms");
        registry.add("ketenpoort.delivery.redelivery-multiplier", () -> "2.0");
        registry.add("ketenpoort.delivery.max-redelivery-delay", () -> "1s");
        registry.add("ketenpoort.delivery.outbox-sweep-after", () -> "2s");
        // A low rate limit for one partner that no other test posts as (intake.AbuseIT); everyone else keeps
        // the generous default, so no other test (or the benchmark) is limited.
        registry.add("ketenpoort.intake.rate-limit.partners.leger-des-heils.requests-per-second", () -> "1");
        registry.add("ketenpoort.intake.rate-limit.partners.leger-des-heils.burst", () -> "3");
        registry.add("server.port", () -> "0");
        registry.add("management.server.port", () -> "0");
        registry.add("ketenpoort.admin.port", () -> Integer.toString(ADMIN_PORT));
        // Inbound signatures (intake.SignedIntakeIT): only trajectum must sign; its CRL is the test CA's, fail closed.
        requireSignatureFrom(registry, "trajectum");
        registry.add("ketenpoort.signing.inbound.crl-files", () -> TestPki.crl().toString());
        // Alerts (alert.AlertsIT): mail to GreenMail, webhook to WireMock, evaluated every second; a reminder not within a
        // test's time; partner streaks and backlog ages far beyond what tests make, so only dead letters raise incidents.
        registry.add("ketenpoort.alert.enabled", () -> "true");
        registry.add("ketenpoort.alert.interval", () -> "1s");
        registry.add("ketenpoort.alert.stilteperiode", () -> "1h");
        registry.add("ketenpoort.alert.opeenvolgende-fouten", () -> "1000");
        registry.add("ketenpoort.alert.max-leeftijd-onbezorgd", () -> "1h");
        registry.add("ketenpoort.alert.mail.van", () -> "ketenpoort@ketenpoort.test");
        registry.add("ketenpoort.alert.mail.aan", () -> "beheer@ketenpoort.test");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> Integer.toString(MAIL.getSmtp().getPort()));
        registry.add("ketenpoort.alert.webhook.url", () -> "http://127.0.0.1:" + WEBHOOK.port() + "/alert");
        // Spring Boot tests switch metrics export off; the gateway exposes /actuator/prometheus, so tests do too.
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
    }

    /**
     * The example network as in {@code partners-example.yml}, with {@code ondertekening-verplicht} for one partner.
     * A list is bound from one property source only, so the whole network is copied into this (dynamic) source.
     */
    private static void requireSignatureFrom(DynamicPropertyRegistry registry, String partnerId) throws IOException {
        String prefix = "ketenpoort.partners.netwerk[";
        String index = null;
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("partners-example",
                new ClassPathResource("partners-example.yml"))) {
            EnumerablePropertySource<?> yaml = (EnumerablePropertySource<?>) source;
            for (String name : yaml.getPropertyNames()) {
                if (name.startsWith(prefix)) {
                    String value = String.valueOf(yaml.getProperty(name));
                    registry.add(name, () -> value);
                    if (name.endsWith("].id") && value.equals(partnerId)) {
                        index = name.substring(prefix.length(), name.indexOf(']'));
                    }
                }
            }
        }
        if (index == null) {
            throw new IllegalStateException("partners-example.yml has no partner " + partnerId);
        }
        registry.add(prefix + index + "].ondertekening-verplicht", () -> "true");
    }

    @BeforeEach
    void partnersAcceptEverything() {
        PARTNERS.resetAll();
        PARTNERS.stubFor(post(urlPathMatching("/ontvangst/.*")).willReturn(aResponse().withStatus(200)));
    }

    private static WireMockServer startPartners() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.wireMockConfig()
                .httpDisabled(true)
                .dynamicHttpsPort()
                .keystorePath(TestPki.partnerKeyStore("transfore").toString())
                .keystoreType("PKCS12")
                .keystorePassword(TestPki.storePassword())
                .keyManagerPassword(TestPki.storePassword())
                .needClientAuth(true)
                .trustStorePath(TestPki.trustStore().toString())
                .trustStoreType("PKCS12")
                .trustStorePassword(TestPki.storePassword()));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    private static GreenMail startMail() {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(mail::stop));
        return mail;
    }

    private static WireMockServer startWebhook() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlPathMatching("/alert")).willReturn(aResponse().withStatus(200)));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }

    // ---- calling the gateway as a partner -------------------------------------------------------------

    protected HttpClient client(String partnerId) {
        return CLIENTS.computeIfAbsent(partnerId, id -> HttpClient.newBuilder()
                .sslContext(TestPki.clientContext(id))
                .connectTimeout(Duration.ofSeconds(5))
                .build());
    }

    protected URI api(String path) {
        return URI.create("https://localhost:" + port + path);
    }

    protected HttpResponse<String> submit(String partnerId, String xml) {
        return send(partnerId, HttpRequest.newBuilder(api("/api/v1/berichten"))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
    }

    protected HttpResponse<String> get(String partnerId, String path) {
        return send(partnerId, HttpRequest.newBuilder(api(path)).GET());
    }

    protected HttpResponse<String> send(String partnerId, HttpRequest.Builder request) {
        try {
            return client(partnerId).send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- calling the admin port as an administrator -----------------------------------------------------

    /** An administrator created for a test: user name and password. */
    public record Admin(String naam, String wachtwoord) {
    }

    /** Creates an active administrator with a unique name, these roles (BEHEERDER, PRIVACY, KIJKER) and a bcrypt hash. */
    protected Admin newAdmin(String... rollen) {
        String naam = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String wachtwoord = UUID.randomUUID().toString();
        adminJdbc.update("insert into beheerder (gebruikersnaam, wachtwoord_hash, rollen, actief, aangemaakt_op) values (?, ?, ?, true, ?)",
                naam, PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(wachtwoord), String.join(",", rollen),
                java.sql.Timestamp.from(Instant.now()));
        return new Admin(naam, wachtwoord);
    }

    /** {@code https://localhost:<ADMIN_PORT><path>}. */
    protected static URI adminUri(String path) {
        return URI.create("https://localhost:" + ADMIN_PORT + path);
    }

    /** A request on the admin port with HTTP Basic as {@code admin} (null: no credentials). No client certificate. */
    protected static HttpResponse<String> asAdmin(Admin admin, HttpRequest.Builder request) {
        if (admin != null) {
            request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((admin.naam() + ":" + admin.wachtwoord()).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return ADMIN_CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POST of a JSON body on the admin port. */
    protected static HttpResponse<String> adminPost(Admin admin, String path, Object body) {
        try {
            return asAdmin(admin, HttpRequest.newBuilder(adminUri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET on the admin port. */
    protected static HttpResponse<String> adminGet(Admin admin, String path) {
        return asAdmin(admin, HttpRequest.newBuilder(adminUri(path)).GET());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- messages and consent ------------------------------------------------------------------------

    /** A fresh participant id, so a test has its own consent. */
    protected static String newParticipant() {
        return "T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    }

    /** An example from {@code examples/} with a fresh berichtId and the given participant. */
    protected static Example example(String name, String deelnemer) {
        try {
            String xml = Files.readString(Path.of("examples", name + ".xml"));
            String berichtId = UUID.randomUUID().toString();
            xml = xml.replaceFirst("<berichtId>[^<]+</berichtId>", "<berichtId>" + berichtId + "</berichtId>")
                    .replace("HVHT-2026-0042", deelnemer);
            return new Example(berichtId, xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A message ready to post: its berichtId and its XML. */
    public record Example(String berichtId, String xml) {
    }

    /** Registers consent through the API as hvht; returns the verklaring id. */
    protected String registerConsent(String deelnemer, List<String> ontvangers, Set<String> categorieen, Set<String> doelen) {
        try {
            String body = JSON.writeValueAsString(Map.of(
                    "deelnemer", deelnemer,
                    "ontvangers", ontvangers,
                    "categorieen", categorieen,
                    "doelen", doelen,
                    "geldigVan", Instant.now().minus(1, ChronoUnit.DAYS).toString(),
                    "geldigTot", Instant.now().plus(365, ChronoUnit.DAYS).toString()));
            HttpResponse<String> response = send("hvht", HttpRequest.newBuilder(api("/api/v1/toestemmingen"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (response.statusCode() != 201) {
                throw new IllegalStateException("consent registration failed: " + response.statusCode() + " " + response.body());
            }
            return json(response).get("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static final Set<String> ALL_CATEGORIES = Set.of("identificatie", "detentie", "basisvoorwaarden",
            "leefgebieden", "gezondheid", "behandeling", "risico", "netwerk");
    protected static final Set<String> ALL_PURPOSES = Set.of("re-integratie", "nazorg", "toezicht", "behandeling");

    /** Consent for every category and purpose to the given recipients. */
    protected String registerFullConsent(String deelnemer, String... ontvangers) {
        return registerConsent(deelnemer, List.of(ontvangers), ALL_CATEGORIES, ALL_PURPOSES);
    }

    /** Status of every recipient, as the sender sees it. */
    protected Map<String, String> statuses(String sender, String berichtId) {
        JsonNode body = json(get(sender, "/api/v1/berichten/" + berichtId));
        Map<String, String> statuses = new java.util.TreeMap<>();
        body.get("ontvangers").forEach(r -> statuses.put(r.get("ontvanger").asText(), r.get("status").asText()));
        return statuses;
    }

    /** Waits until every recipient has one of the final statuses. */
    protected Map<String, String> awaitSettled(String sender, String berichtId) {
        Set<String> settled = Set.of("DELIVERED", "WITHHELD", "FAILED");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> statuses(sender, berichtId).values().stream().allMatch(settled::contains));
        return statuses(sender, berichtId);
    }
}
