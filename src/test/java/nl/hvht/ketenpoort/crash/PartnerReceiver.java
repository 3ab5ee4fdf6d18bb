package nl.hvht.ketenpoort.crash;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import nl.hvht.ketenpoort.support.TestPki;

/**
 * Every partner of the example network in one WireMock HTTPS server that requires the gateway's client certificate
 * (mutual TLS, example CA), as {@code GatewayTestSupport.startPartners()}. It answers {@code POST /ontvangst/<id>} and
 * its request journal keeps every POST, logged when it arrived and before it was answered: a request the gateway never
 * saw the answer to (killed while the receiver was slow) is still one the partner received. With several gateway
 * nodes each node gets a base URL of its own ({@link #baseUrl(String)}: {@code /<node>/ontvangst/<id>}), so every POST
 * names the node that sent it.
 *
 * <p>Modes: {@link Mode#NORMAL} answers 200 at once; {@link Mode#SLOW} after 2-5 s (uniformly random);
 * {@link Mode#UNAVAILABLE} answers 503. The 200 stub is always there; a mode other than NORMAL is a stub of higher
 * priority on top, so switching never leaves a moment without a stub (WireMock's 404 would be a permanent refusal).
 */
final class PartnerReceiver implements AutoCloseable {

    static final String BASE = "/ontvangst/";
    /** Every partner endpoint, with or without a node's prefix. */
    private static final String ENDPOINTS = "(/[a-z0-9-]+)?" + BASE + ".*";

    enum Mode { NORMAL, SLOW, UNAVAILABLE }

    private final WireMockServer server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "partner-receiver-timer");
        thread.setDaemon(true);
        return thread;
    });
    private StubMapping override;
    private Mode mode = Mode.NORMAL;
    private long generation;

    PartnerReceiver() {
        server = new WireMockServer(WireMockConfiguration.wireMockConfig()
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
                // A slow partner holds a thread per request for 2-5 s; the gateway may post many at once.
                .containerThreads(300));
        server.start();
        server.stubFor(post(urlPathMatching(ENDPOINTS)).atPriority(10).willReturn(aResponse().withStatus(200)));
    }

    int port() {
        return server.httpsPort();
    }

    /**
     * The base URL for {@code ketenpoort.demo.partner-base-url} of this node (every partner's endpoint is under it);
     * the empty node (a run with one gateway) has none of its own.
     */
    String baseUrl(String node) {
        return "https://localhost:" + port() + (node.isEmpty() ? "" : "/" + node) + BASE.substring(0, BASE.length() - 1);
    }

    synchronized Mode mode() {
        return mode;
    }

    synchronized void mode(Mode next) {
        generation++;
        if (override != null) {
            server.removeStub(override);
            override = null;
        }
        ResponseDefinitionBuilder answer = switch (next) {
            case NORMAL -> null;
            case SLOW -> aResponse().withStatus(200).withUniformRandomDelay(2000, 5000);
            case UNAVAILABLE -> aResponse().withStatus(503).withHeader("Retry-After", "1");
        };
        if (answer != null) {
            override = server.stubFor(post(urlPathMatching(ENDPOINTS)).atPriority(1).willReturn(answer));
        }
        mode = next;
    }

    /** 503 for this long, then 200 again (unless the mode was changed meanwhile). */
    synchronized void unavailableFor(Duration duration) {
        mode(Mode.UNAVAILABLE);
        long mine = generation;
        timer.schedule(() -> {
            synchronized (this) {
                if (generation == mine) {
                    mode(Mode.NORMAL);
                }
            }
        }, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every POST under {@code /ontvangst/} (of any node) so far, oldest first. */
    List<Receipt> receipts() {
        return server.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().contains(BASE))
                .map(PartnerReceiver::receipt)
                .sorted(java.util.Comparator.comparing(Receipt::at))
                .toList();
    }

    /** When the last POST arrived; null when none did. */
    Instant lastReceipt() {
        return server.getAllServeEvents().stream()
                .map(event -> event.getRequest().getLoggedDate().toInstant())
                .max(Instant::compareTo).orElse(null);
    }

    private static Receipt receipt(ServeEvent event) {
        String path = event.getRequest().getUrl();
        int query = path.indexOf('?');
        String endpoint = query < 0 ? path : path.substring(0, query);
        int base = endpoint.indexOf(BASE);
        String node = base == 0 ? "" : endpoint.substring(1, base);
        String ontvanger = endpoint.substring(base + BASE.length());
        int status = event.getResponseDefinition() == null ? 0 : event.getResponseDefinition().getStatus();
        return new Receipt(node, ontvanger, event.getRequest().getHeader("Ketenpoort-BerichtId"),
                event.getRequest().getHeader("Idempotency-Key"), event.getRequest().getLoggedDate().toInstant(), status);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.stop();
    }
}
