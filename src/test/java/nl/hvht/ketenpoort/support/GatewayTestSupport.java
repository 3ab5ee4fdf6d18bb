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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests: the whole gateway (Camel, embedded persistent Artemis, Flyway on a real
 * PostgreSQL) with every example partner's endpoint on one WireMock server that requires the gateway's
 * client certificate (mutual TLS, example CA). All subclasses share one Spring context. Each test uses
 * its own participant id and fresh berichtIds, so tests never see each other's consent or messages. The gateway's
 * clock is a {@link TestClock}: the system clock unless a test moves it (and puts it back).
 */
// Inline so it holds before the environment post-processors run: tests never write the demo PKI.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "ketenpoort.demo.generate-certs=false")
@org.springframework.context.annotation.Import({TestClock.Configuration.class, RecordedSpans.Configuration.class})
// Tracing as in production (Spring Boot's tests switch it off); metrics as before (only /actuator/prometheus, below).
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(metrics = false)
public abstract class GatewayTestSupport {

    protected static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    protected static final WireMockServer PARTNERS = startPartners();
    /** What the partners' endpoints on {@link #PARTNERS} answer and received, per message. */
    protected static final PartnerEndpoints ENDPOINTS = new PartnerEndpoints(PARTNERS);
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
            .connectTimeout(Duration.ofSeconds(30))
            .build();

    @LocalServerPort
    protected int port;

    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected ObjectMapper objectMapper;

    @Autowired
    private nl.hvht.ketenpoort.admin.AdminAccounts beheerders;

    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate ledgerJdbc;

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
        // Workers look in the ledger often: a test never waits long for what no wake-up announced.
        registry.add("ketenpoort.delivery.poll-interval", () -> "200ms");
        // Small batches: a few attempts under way per recipient at a time, so races with revocations (consent.RevocationRaceIT)
        // find deliveries both made and still due. The batching itself is the same at any size.
        registry.add("ketenpoort.delivery.batch-size", () -> "4");
        registry.add("ketenpoort.database.embedded.enabled", () -> "false");
        // A low rate limit for one partner that no other test posts as (intake.AbuseIT); everyone else keeps
        // the generous default, so no other test (or the benchmark) is limited.
        registry.add("ketenpoort.intake.rate-limit.partners.leger-des-heils.requests-per-second", () -> "1");
        registry.add("ketenpoort.intake.rate-limit.partners.leger-des-heils.burst", () -> "3");
        // A low concurrency limit for another partner no other test posts as (intake.AbuseIT: slow bodies).
        registry.add("ketenpoort.intake.concurrency.partners.gemeente-losser", () -> "4");
        // Everyone else: tests post up to 40 messages at once (consent.RevocationRaceIT).
        registry.add("ketenpoort.intake.concurrency.max-per-partner", () -> "200");
        registry.add("server.port", () -> "0");
        registry.add("management.server.port", () -> "0");
        registry.add("ketenpoort.admin.port", () -> Integer.toString(ADMIN_PORT));
        // Every test logs in from 127.0.0.1: the per-address lock would let one test's failures lock out the others.
        // Per user name it stays at the default (5); admin.LoginThrottleTest covers the address limit.
        registry.add("ketenpoort.admin.login.max-attempts-per-address", () -> "10000");
        // Inbound signatures (intake.SignedIntakeIT): only trajectum must sign; its CRL is the test CA's, fail closed.
        // Signed receipts (delivery.OntvangstbewijsIT): only justact must answer deliveries with one.
        Map<String, String> index = copyNetwork(registry);
        registry.add(NETWORK + index.get("trajectum") + "].ondertekening-verplicht", () -> "true");
        registry.add(NETWORK + index.get("justact") + "].ontvangstbewijs-verplicht", () -> "true");
        // The same CRL files check client certificates on the partner port (pki.PartnerPortRevocation); the
        // intermediate CA's CRL is for partner certificates under it (partner.PartnerTlsIT).
        registry.add("ketenpoort.signing.inbound.crl-files", () -> TestPki.crl() + "," + TestPki.intermediateCrl());
        // Replaced partner certificate files and TLS bundle files are picked up quickly (partner.PartnerTlsIT, pki.TlsReloadIT).
        registry.add("ketenpoort.partners.certificaat-controle", () -> "500ms");
        registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "1s");
        // Outbound encryption (signing.EncryptedDeliveryIT): only trajectum gets its messages encrypted (AES-256-GCM,
        // ECDH for its EC certificate); no other IT reads what trajectum receives.
        registry.add(NETWORK + index.get("trajectum") + "].versleuteling", () -> "AUTH_ENVELOPED_AES_GCM");
        // Mailboxes (delivery.PostbusIT): gemeente-tubbergen collects (partners-example.yml); so do gemeente-dinkelland, which
        // must acknowledge with a signed receipt, and gemeente-wierden, whose copies are encrypted. No other IT sends to them.
        registry.add(NETWORK + index.get("gemeente-dinkelland") + "].bezorging", () -> "ophalen");
        registry.add(NETWORK + index.get("gemeente-dinkelland") + "].ontvangstbewijs-verplicht", () -> "true");
        registry.add(NETWORK + index.get("gemeente-wierden") + "].bezorging", () -> "ophalen");
        registry.add(NETWORK + index.get("gemeente-wierden") + "].versleuteling", () -> "AUTH_ENVELOPED_AES_GCM");
        // Return messages (delivery.RetourberichtIT): only for a partner no other test sends as, so no other test sees the
        // gateway's Retourberichten; the example network's own choice (transfore, for the demo) is not copied.
        registry.add(NETWORK + index.get(RETOUR_PARTNER) + "].retourberichten", () -> "true");
        // Alerts (alert.AlertsIT): mail to GreenMail, webhook to WireMock, evaluated every second; a reminder not within a
        // test's time; partner streaks and backlog ages far beyond what tests make, so only dead letters raise incidents.
        registry.add("ketenpoort.alert.enabled", () -> "true");
        registry.add("ketenpoort.alert.interval", () -> "1s");
        registry.add("ketenpoort.alert.quiet-period", () -> "1h");
        registry.add("ketenpoort.alert.consecutive-failures", () -> "1000");
        registry.add("ketenpoort.alert.max-undelivered-age", () -> "1h");
        registry.add("ketenpoort.alert.mail.from", () -> "ketenpoort@ketenpoort.test");
        registry.add("ketenpoort.alert.mail.to", () -> "beheer@ketenpoort.test");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> Integer.toString(MAIL.getSmtp().getPort()));
        registry.add("ketenpoort.alert.webhook.url", () -> "http://127.0.0.1:" + WEBHOOK.port() + "/alert");
        // The flow ground for answers (routing.AnswerRoutingIT): only answers for the purpose 'toezicht', which no other test
        // sends, so every other answer still needs consent covering the question's sender.
        registry.add("ketenpoort.routing.answers.grondslag.naam", () -> ANSWER_GROUND);
        registry.add("ketenpoort.routing.answers.grondslag.doel", () -> "toezicht");
        registry.add("ketenpoort.routing.answers.grondslag.categorieen", () -> "behandeling");
        // Spring Boot tests switch metrics export off; the gateway exposes /actuator/prometheus, so tests do too.
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
        // Every trace recorded and handed to support.RecordedSpans soon (trace.TraceContextIT reads them).
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.tracing.opentelemetry.export.schedule-delay", () -> "100ms");
    }

    private static final String NETWORK = "ketenpoort.partners.netwerk[";
    /** Example partners the tests make collect from their mailbox besides gemeente-tubbergen (delivery.PostbusIT). */
    private static final List<String> MAILBOX_PARTNERS = List.of("gemeente-dinkelland", "gemeente-wierden");

    /** The one partner that wants Retourberichten in the tests (delivery.RetourberichtIT). */
    protected static final String RETOUR_PARTNER = "gemeente-hellendoorn";

    /** Name of the flow ground for answers in the test configuration (for the purpose 'toezicht' only). */
    protected static final String ANSWER_GROUND = "antwoord-aan-vraagsteller";

    /**
     * The example network as in {@code partners-example.yml}, copied into this (dynamic) source, so per-partner flags
     * can be added (a list is bound from one property source only). Returns the list index of each partner id.
     */
    private static Map<String, String> copyNetwork(DynamicPropertyRegistry registry) throws IOException {
        Map<String, String> index = new java.util.HashMap<>();
        Map<String, String> properties = new java.util.LinkedHashMap<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("partners-example",
                new ClassPathResource("partners-example.yml"))) {
            EnumerablePropertySource<?> yaml = (EnumerablePropertySource<?>) source;
            for (String name : yaml.getPropertyNames()) {
                if (name.startsWith(NETWORK) && !name.endsWith("].retourberichten")) {
                    String value = String.valueOf(yaml.getProperty(name));
                    properties.put(name, value);
                    if (name.endsWith("].id")) {
                        index.put(value, name.substring(NETWORK.length(), name.indexOf(']')));
                    }
                }
            }
        }
        // Partners the tests turn into mailbox partners have no endpoint (bezorging: ophalen refuses one).
        Set<String> noEndpoint = MAILBOX_PARTNERS.stream().map(id -> NETWORK + index.get(id) + "].endpoint")
                .collect(java.util.stream.Collectors.toSet());
        properties.forEach((name, value) -> {
            if (!noEndpoint.contains(name)) {
                registry.add(name, () -> value);
            }
        });
        for (String required : List.of("trajectum", "justact", "gemeente-dinkelland", "gemeente-wierden", RETOUR_PARTNER)) {
            if (!index.containsKey(required)) {
                throw new IllegalStateException("partners-example.yml has no partner " + required);
            }
        }
        return index;
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
                .trustStorePassword(TestPki.storePassword())
                // Signed receipts only where a stub asks for them (.withTransformers(OntvangstbewijsTransformer.NAME)).
                .extensions(new OntvangstbewijsTransformer()));
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
                .connectTimeout(Duration.ofSeconds(30))
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

    /** An administrator created for a test: user name, password and TOTP secret (base32; null: none known). */
    public record Admin(String naam, String wachtwoord, String totpGeheim) {

        public Admin(String naam, String wachtwoord) {
            this(naam, wachtwoord, null);
        }
    }

    /**
     * A console session: a cookie-keeping client on the admin port, the CSRF token of the session (null when the login
     * did not succeed) and where the login ended (the path of the last redirect).
     */
    public record AdminSession(HttpClient client, String csrf, String landing) {
    }

    private static final Map<Admin, AdminSession> ADMIN_SESSIONS = new ConcurrentHashMap<>();
    private static final java.util.regex.Pattern CSRF_FIELD = java.util.regex.Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final java.util.regex.Pattern CSRF_META = java.util.regex.Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");

    /** Creates an active administrator with a unique name, these roles (BEHEERDER, PRIVACY, KIJKER) and a TOTP secret. */
    protected Admin newAdmin(String... rollen) {
        String naam = "test-" + UUID.randomUUID().toString().substring(0, 8);
        String wachtwoord = UUID.randomUUID().toString();
        String geheim = new String(com.bastiaanjansen.otp.SecretGenerator.generate(), StandardCharsets.US_ASCII);
        java.util.Set<nl.hvht.ketenpoort.admin.AdminRole> roles = java.util.EnumSet.noneOf(nl.hvht.ketenpoort.admin.AdminRole.class);
        for (String rol : rollen) {
            roles.add(nl.hvht.ketenpoort.admin.AdminRole.valueOf(rol));
        }
        beheerders.create(naam, wachtwoord, roles, geheim);
        return new Admin(naam, wachtwoord, geheim);
    }

    /** The TOTP code of a secret at a moment (what the administrator's authenticator app shows). */
    protected static String totp(String geheim, Instant at) {
        return new com.bastiaanjansen.otp.TOTPGenerator.Builder(geheim.getBytes(StandardCharsets.US_ASCII)).build().at(at);
    }

    /** {@code https://localhost:<ADMIN_PORT><path>}. */
    protected static URI adminUri(String path) {
        return URI.create("https://localhost:" + ADMIN_PORT + path);
    }

    /** A new cookie-keeping client on the admin port (no client certificate). */
    protected static HttpClient newAdminClient() {
        return HttpClient.newBuilder()
                .sslContext(TestPki.trustingContext())
                .cookieHandler(new java.net.CookieManager())
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Logs in through the console's forms (user name and password, then the TOTP code {@code code}; null: the current
     * code of the admin's secret) with a fresh client. Never cached: each call is a new login.
     */
    protected static AdminSession adminLogin(Admin admin, String code) {
        HttpClient client = newAdminClient();
        String csrf = field(adminSend(client, HttpRequest.newBuilder(adminUri("/beheer/inloggen")).GET()).body(), CSRF_FIELD);
        HttpResponse<String> password = adminSend(client, form(adminUri("/beheer/inloggen"),
                Map.of("gebruikersnaam", admin.naam(), "wachtwoord", admin.wachtwoord(), "_csrf", csrf)));
        String landing = location(password);
        if (!landing.equals("/beheer/tweede-stap")) {
            return new AdminSession(client, null, landing);
        }
        csrf = field(adminSend(client, HttpRequest.newBuilder(adminUri("/beheer/tweede-stap")).GET()).body(), CSRF_FIELD);
        String otp = code != null ? code : admin.totpGeheim() == null ? "000000" : totp(admin.totpGeheim(), Instant.now());
        landing = location(adminSend(client, form(adminUri("/beheer/tweede-stap"), Map.of("code", otp, "_csrf", csrf))));
        if (!landing.equals("/beheer/")) {
            return new AdminSession(client, null, landing);
        }
        HttpResponse<String> home = adminSend(client, HttpRequest.newBuilder(adminUri("/beheer/")).GET());
        return new AdminSession(client, field(home.body(), CSRF_META), landing);
    }

    /** The admin's console session, logged in once per admin (password + current TOTP code) and then reused. */
    protected static AdminSession adminSession(Admin admin) {
        return ADMIN_SESSIONS.computeIfAbsent(admin, a -> adminLogin(a, null));
    }

    /**
     * A request on the admin port in the console session of {@code admin} (null: no session at all), with the session's
     * CSRF token as header on anything but GET. No client certificate.
     */
    protected static HttpResponse<String> asAdmin(Admin admin, HttpRequest.Builder request) {
        if (admin == null) {
            return adminSend(ADMIN_CLIENT, request);
        }
        AdminSession session = adminSession(admin);
        HttpRequest built = request.copy().build();
        if (!built.method().equals("GET") && session.csrf() != null) {
            request.header("X-CSRF-TOKEN", session.csrf());
        }
        return adminSend(session.client(), request);
    }

    /** Sends a request with a given client on the admin port. */
    protected static HttpResponse<String> adminSend(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
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

    /** A form POST (application/x-www-form-urlencoded). */
    protected static HttpRequest.Builder form(URI uri, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** The path (and query) a redirect points to; "" when the answer is no redirect. */
    protected static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").map(l -> {
            URI uri = URI.create(l);
            return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }).orElse("");
    }

    private static String field(String html, java.util.regex.Pattern pattern) {
        java.util.regex.Matcher matcher = pattern.matcher(html);
        return matcher.find() ? matcher.group(1) : "";
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

    /** The example Verwijzing (fresh berichtId) from hvht to this care partner instead of transfore. */
    protected static Example verwijzingTo(String zorgpartner, String deelnemer) {
        Example verwijzing = example("verwijzing", deelnemer);
        if (!verwijzing.xml().contains("<zorgpartner>transfore</zorgpartner>")) {
            throw new IllegalStateException("examples/verwijzing.xml no longer refers to transfore");
        }
        return new Example(verwijzing.berichtId(),
                verwijzing.xml().replace("<zorgpartner>transfore</zorgpartner>", "<zorgpartner>" + zorgpartner + "</zorgpartner>"));
    }

    /** The example Trajectplan (fresh berichtId) from hvht to this one recipient instead of its two. */
    protected static Example trajectplanTo(String ontvanger, String deelnemer) {
        Example plan = example("trajectplan", deelnemer);
        String xml = plan.xml().replaceFirst("(?s)<ontvanger>reclassering-nederland</ontvanger>\\s*"
                + "<ontvanger>gemeente-enschede</ontvanger>", "<ontvanger>" + ontvanger + "</ontvanger>");
        if (xml.equals(plan.xml())) {
            throw new IllegalStateException("examples/trajectplan.xml no longer has its two recipients");
        }
        return new Example(plan.berichtId(), xml);
    }

    /**
     * The example Trajectplan from hvht to this recipient only, posted and awaited until DELIVERED. The caller registers
     * the consent it needs.
     */
    protected String deliveredTrajectplan(String deelnemer, String ontvanger) {
        Example plan = trajectplanTo(ontvanger, deelnemer);
        HttpResponse<String> response = submit("hvht", plan.xml());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("trajectplan refused: " + response.statusCode() + " " + response.body());
        }
        Map<String, String> settled = awaitSettled("hvht", plan.berichtId());
        if (!settled.equals(Map.of(ontvanger, "DELIVERED"))) {
            throw new IllegalStateException("trajectplan not delivered: " + settled);
        }
        return plan.berichtId();
    }

    /**
     * The example Verwijzing from hvht to this care partner, posted and awaited until DELIVERED: a question an answer
     * may name. The caller registers the consent it needs (the care partner, all categories, purpose behandeling).
     */
    protected String deliveredVerwijzing(String deelnemer, String zorgpartner) {
        Example verwijzing = verwijzingTo(zorgpartner, deelnemer);
        String xml = verwijzing.xml();
        HttpResponse<String> response = submit("hvht", xml);
        if (response.statusCode() != 202) {
            throw new IllegalStateException("verwijzing refused: " + response.statusCode() + " " + response.body());
        }
        Map<String, String> settled = awaitSettled("hvht", verwijzing.berichtId());
        if (!settled.equals(Map.of(zorgpartner, "DELIVERED"))) {
            throw new IllegalStateException("verwijzing not delivered: " + settled);
        }
        return verwijzing.berichtId();
    }

    /** The example Verwijzingsantwoord (fresh berichtId) from this partner, answering {@code question} (its correlatieId). */
    protected static Example answer(String deelnemer, String from, String question) {
        Example antwoord = example("verwijzingsantwoord", deelnemer);
        return new Example(antwoord.berichtId(), antwoord.xml()
                .replace("<afzender>transfore</afzender>", "<afzender>" + from + "</afzender>")
                .replaceFirst("<correlatieId>[^<]+</correlatieId>", "<correlatieId>" + question + "</correlatieId>"));
    }

    /**
     * The example Retourbericht (fresh berichtId) from this partner about {@code question} (its correlatieId and
     * referentieBerichtId), addressed to nobody: the gateway routes it to the question's sender.
     */
    protected static Example retourbericht(String deelnemer, String from, String question) {
        Example retour = example("retourbericht", deelnemer);
        return new Example(retour.berichtId(), retour.xml()
                .replace("<afzender>gemeente-enschede</afzender>", "<afzender>" + from + "</afzender>")
                .replace("    <ontvanger>hvht</ontvanger>\n", "")
                .replaceFirst("<correlatieId>[^<]+</correlatieId>", "<correlatieId>" + question + "</correlatieId>")
                .replaceFirst("<referentieBerichtId>[^<]+</referentieBerichtId>",
                        "<referentieBerichtId>" + question + "</referentieBerichtId>"));
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

    /** One recipient's entry in the status of a message, as the sender sees it. */
    protected JsonNode recipient(String sender, String berichtId, String ontvanger) {
        for (JsonNode r : json(get(sender, "/api/v1/berichten/" + berichtId)).get("ontvangers")) {
            if (ontvanger.equals(r.get("ontvanger").asText())) {
                return r;
            }
        }
        throw new AssertionError("no recipient " + ontvanger);
    }

    /** Read-only queries on the gateway's database for a message's trail (consent decisions, receipts, audit). */
    protected LedgerReads ledger() {
        return new LedgerReads(ledgerJdbc);
    }

    /** Waits until every recipient has one of the final statuses. */
    protected Map<String, String> awaitSettled(String sender, String berichtId) {
        Set<String> settled = Set.of("DELIVERED", "WITHHELD", "FAILED");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> statuses(sender, berichtId).values().stream().allMatch(settled::contains));
        return statuses(sender, berichtId);
    }

    /** GET on the management port (plain HTTP, loopback): the body. */
    protected String getManagement(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
