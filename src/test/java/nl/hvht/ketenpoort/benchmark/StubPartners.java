package nl.hvht.ketenpoort.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import nl.hvht.ketenpoort.support.TestPki;

/**
 * Every example partner's endpoint on one WireMock HTTPS server that requires a client certificate of the example CA
 * (as the integration tests' partners) and answers 200. Counts what arrives: every POST, and each delivery (partner
 * path + Idempotency-Key) once, with the moment the last new one arrived. No request journal (it would keep every
 * body).
 */
final class StubPartners implements AutoCloseable {

    private final Receipts receipts = new Receipts();
    private final WireMockServer server;

    StubPartners() {
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
                .containerThreads(100)
                .disableRequestJournal()
                .extensions(receipts));
        server.start();
        server.stubFor(post(urlPathMatching("/ontvangst/.*")).willReturn(aResponse().withStatus(200)));
    }

    /** Value for {@code ketenpoort.demo.partner-base-url}: the example network's endpoints are below it. */
    String baseUrl() {
        return "https://localhost:" + server.httpsPort() + "/ontvangst";
    }

    /** Distinct deliveries received (partner path + Idempotency-Key). */
    long deliveries() {
        return receipts.distinct.size();
    }

    /** Every POST received, repeats included. */
    long posts() {
        return receipts.posts.get();
    }

    /** {@link System#nanoTime()} when the latest distinct delivery arrived. */
    long lastDeliveryNanos() {
        return receipts.lastNew.get();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static final class Receipts implements ServeEventListener {

        final Set<String> distinct = ConcurrentHashMap.newKeySet();
        final AtomicLong posts = new AtomicLong();
        final AtomicLong lastNew = new AtomicLong(System.nanoTime());

        @Override
        public String getName() {
            return "benchmark-receipts";
        }

        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            if (!"POST".equals(event.getRequest().getMethod().value())) {
                return;
            }
            posts.incrementAndGet();
            String key = event.getRequest().getUrl() + " " + event.getRequest().getHeader("Idempotency-Key");
            if (distinct.add(key)) {
                lastNew.accumulateAndGet(System.nanoTime(), Math::max);
            }
        }
    }
}
