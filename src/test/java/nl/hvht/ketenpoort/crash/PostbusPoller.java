package nl.hvht.ketenpoort.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.hvht.ketenpoort.support.TestPki;

/**
 * A partner without an endpoint ({@code bezorging: ophalen}) collecting its mailbox the way a careful integrator's
 * poller would, while the gateway is killed and restarted under it: list, fetch each copy, acknowledge it; a copy whose
 * bytes arrived is never fetched again, only its acknowledgement is repeated until the gateway answers 204. Every copy
 * whose bytes arrived in full is logged as a {@link Receipt} (status 200), like a push the partner receiver answered,
 * so the crash verdict judges both ways of delivery by the same rules: a second fetch of one copy is only allowed when
 * the gateway lost the first one's outcome (a fetch whose bytes were cut off by a SIGKILL), with the same
 * Idempotency-Key. Connection errors (the gateway is down) are retried at the next round.
 */
final class PostbusPoller implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String partner;
    private final int port;
    private final HttpClient client;
    private final List<Receipt> receipts = new ArrayList<>();
    /** Fetched in full, not yet acknowledged with a 204. */
    private final Set<String> unacknowledged = new LinkedHashSet<>();
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mailbox-poller");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running = true;
    private volatile Instant lastActivity;
    private long errors;

    PostbusPoller(String partner, int port) {
        this.partner = partner;
        this.port = port;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestPki.clientContext(partner)).connectTimeout(Duration.ofSeconds(3)).build();
    }

    /** Polls every 200 ms after a round without work, like a partner's poller; at once again after one with work. */
    void start() {
        rounds.schedule(this::rounds, 0, TimeUnit.MILLISECONDS);
    }

    /** Every copy fetched in full so far, oldest first. */
    synchronized List<Receipt> receipts() {
        return List.copyOf(receipts);
    }

    /** When the poller last fetched or acknowledged a copy; null when it never did. */
    Instant lastActivity() {
        return lastActivity;
    }

    synchronized long errors() {
        return errors;
    }

    private void rounds() {
        boolean worked;
        try {
            worked = round();
        } catch (IOException | RuntimeException e) {
            synchronized (this) {
                errors++;
            }
            worked = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (running) {
            rounds.schedule(this::rounds, worked ? 0 : 200, TimeUnit.MILLISECONDS);
        }
    }

    /** One round: acknowledge what is still open, then fetch and acknowledge one page. True if there was work. */
    private boolean round() throws IOException, InterruptedException {
        boolean worked = false;
        for (String berichtId : List.copyOf(unacknowledged)) {
            acknowledge(berichtId);
            worked = true;
        }
        HttpResponse<String> list = client.send(request("/api/v1/postbus?limiet=100").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() != 200) {
            throw new IOException("list answered " + list.statusCode());
        }
        for (JsonNode entry : JSON.readTree(list.body()).path("berichten")) {
            String berichtId = entry.path("berichtId").asText();
            if (!running) {
                break;
            }
            if (unacknowledged.contains(berichtId)) {
                continue;
            }
            HttpResponse<byte[]> copy = client.send(request("/api/v1/postbus/" + berichtId).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (copy.statusCode() == 200) {
                synchronized (this) {
                    receipts.add(new Receipt(partner, berichtId, copy.headers().firstValue("Idempotency-Key").orElse(null),
                            Instant.now(), 200));
                }
                lastActivity = Instant.now();
                unacknowledged.add(berichtId);
                acknowledge(berichtId);
                worked = true;
            } else if (copy.statusCode() != 404 && copy.statusCode() != 410) {
                throw new IOException("fetch answered " + copy.statusCode());
            }
        }
        return worked;
    }

    private void acknowledge(String berichtId) throws IOException, InterruptedException {
        HttpResponse<String> ack = client.send(request("/api/v1/postbus/" + berichtId + "/ontvangst")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (ack.statusCode() == 204) {
            unacknowledged.remove(berichtId);
            lastActivity = Instant.now();
        } else if (ack.statusCode() == 409) {
            // the gateway does not know of the fetch (its commit was lost): fetch again at the next round
            unacknowledged.remove(berichtId);
        } else if (ack.statusCode() == 410 || ack.statusCode() == 404) {
            unacknowledged.remove(berichtId);
        } else {
            throw new IOException("acknowledgement answered " + ack.statusCode());
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("https://localhost:" + port + path)).timeout(Duration.ofSeconds(30));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        rounds.shutdown();
        rounds.awaitTermination(40, TimeUnit.SECONDS);
    }
}
