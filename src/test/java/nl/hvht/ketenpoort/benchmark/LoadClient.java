package nl.hvht.ketenpoort.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import nl.hvht.ketenpoort.support.TestPki;

/**
 * The gateway's partner API as {@code hvht} calls it: HTTP/1.1 over mutual TLS with hvht's certificate from the test PKI,
 * connections kept alive and shared by all threads.
 */
final class LoadClient {

    static final List<String> ALL_CATEGORIES = List.of("identificatie", "detentie", "basisvoorwaarden", "leefgebieden",
            "gezondheid", "behandeling", "risico", "netwerk");
    static final List<String> ALL_PURPOSES = List.of("re-integratie", "nazorg", "toezicht", "behandeling");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http;
    private final String base;

    LoadClient(int apiPort) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestPki.clientContext("hvht"))
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        this.base = "https://localhost:" + apiPort;
    }

    /** POST /api/v1/berichten; the HTTP status (202: accepted). */
    int submit(String xml) throws IOException, InterruptedException {
        return http.send(submission(xml), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    CompletableFuture<HttpResponse<Void>> submitAsync(String xml) {
        return http.sendAsync(submission(xml), HttpResponse.BodyHandlers.discarding());
    }

    /** Consent of {@code deelnemer} for every category and purpose to these recipients (POST /api/v1/toestemmingen). */
    void registerConsent(String deelnemer, List<String> ontvangers) throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of(
                "deelnemer", deelnemer,
                "ontvangers", ontvangers,
                "categorieen", ALL_CATEGORIES,
                "doelen", ALL_PURPOSES,
                "geldigVan", Instant.now().minus(1, ChronoUnit.DAYS).toString(),
                "geldigTot", Instant.now().plus(365, ChronoUnit.DAYS).toString()));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/toestemmingen"))
                .timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("consent registration: HTTP " + response.statusCode() + " " + response.body());
        }
    }

    /** Whether every recipient of the message has status DELIVERED (GET /api/v1/berichten/{id}). */
    boolean delivered(String berichtId) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/berichten/" + berichtId))
                .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return false;
        }
        JsonNode ontvangers = JSON.readTree(response.body()).path("ontvangers");
        if (ontvangers.isEmpty()) {
            return false;
        }
        for (JsonNode ontvanger : ontvangers) {
            if (!"DELIVERED".equals(ontvanger.path("status").asText())) {
                return false;
            }
        }
        return true;
    }

    private HttpRequest submission(String xml) {
        return HttpRequest.newBuilder(URI.create(base + "/api/v1/berichten"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8))
                .build();
    }
}
