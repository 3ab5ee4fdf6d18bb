package nl.hvht.ketenpoort.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import nl.hvht.ketenpoort.crash.CrashVerdict.RecipientStatus;
import nl.hvht.ketenpoort.support.TestPki;

/**
 * The partner API as {@code hvht} calls it over mutual TLS (the example PKI's client certificate): post a message,
 * read its status, register consent. Plain {@link IOException}s go to the caller, who decides whether to re-post.
 */
final class PartnerApi {

    static final String SENDER = "hvht";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(TestPki.clientContext(SENDER))
            .connectTimeout(Duration.ofSeconds(3))
            .build();

    PartnerApi(int port) {
        this.port = port;
    }

    /** A message to post: its berichtId and the exact bytes, posted again unchanged after an unclear answer. */
    record Message(String berichtId, byte[] xml) {
    }

    /** {@code examples/overdracht.xml} for this participant with a fresh berichtId each call. */
    static java.util.function.Supplier<Message> overdrachten(String deelnemer) {
        String template;
        try {
            template = Files.readString(Path.of("examples", "overdracht.xml")).replace("HVHT-2026-0042", deelnemer);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return () -> {
            String berichtId = UUID.randomUUID().toString();
            String xml = template.replaceFirst("<berichtId>[^<]+</berichtId>", "<berichtId>" + berichtId + "</berichtId>");
            return new Message(berichtId, xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        };
    }

    HttpResponse<String> submit(Message message) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri("/api/v1/berichten"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message.xml())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The recipients of a message as the status API names them; empty on 404; any other answer is an exception. */
    Optional<Map<String, RecipientStatus>> status(String berichtId) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/api/v1/berichten/" + berichtId))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IOException("status of " + berichtId + ": " + response.statusCode() + " " + response.body());
        }
        Map<String, RecipientStatus> recipients = new LinkedHashMap<>();
        for (JsonNode recipient : JSON.readTree(response.body()).path("ontvangers")) {
            recipients.put(recipient.path("ontvanger").asText(), new RecipientStatus(recipient.path("status").asText(),
                    recipient.path("reden").isNull() ? null : recipient.path("reden").asText(null),
                    recipient.path("pogingen").asInt()));
        }
        return Optional.of(recipients);
    }

    /** Consent for every category and purpose to these recipients (the JSON of GatewayTestSupport.registerConsent). */
    void registerFullConsent(String deelnemer, List<String> ontvangers) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of(
                "deelnemer", deelnemer,
                "ontvangers", ontvangers,
                "categorieen", Set.of("identificatie", "detentie", "basisvoorwaarden", "leefgebieden", "gezondheid",
                        "behandeling", "risico", "netwerk"),
                "doelen", Set.of("re-integratie", "nazorg", "toezicht", "behandeling"),
                "geldigVan", Instant.now().minus(1, ChronoUnit.DAYS).toString(),
                "geldigTot", Instant.now().plus(365, ChronoUnit.DAYS).toString()));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/api/v1/toestemmingen"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("consent registration failed: " + response.statusCode() + " " + response.body());
        }
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + port + path);
    }
}
