package nl.hvht.ketenpoort.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import nl.hvht.ketenpoort.support.TestPki;

/**
 * Every example partner's endpoint on one minimal JDK HTTPS server ({@code com.sun.net.httpserver.HttpsServer}) that
 * requires a client certificate of the example CA (mutual TLS, the test PKI's partner key store and trust store, as the
 * integration tests' partners) and answers 200 with an empty body on kept-alive connections. A fixed pool of
 * {@value #THREADS} threads handles the exchanges: the stub is cheap, so that on a fast gateway it is not the limit
 * (the WireMock stub it replaces sustained only a few hundred POSTs per second here).
 *
 * <p>Counts what arrives: every POST, and each delivery (request path + Idempotency-Key) once, with the moment the last
 * new one arrived. Keeps no bodies.
 */
final class StubPartners implements AutoCloseable {

    static final int THREADS = 64;

    static {
        // The JDK server leaves Nagle on by default: small answers on kept-alive connections would wait for ACKs.
        // Read once, when the server classes are first used (nothing else in the load process uses them).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private final AtomicLong posts = new AtomicLong();
    private final AtomicLong lastNew = new AtomicLong(System.nanoTime());
    private final ExecutorService executor;
    private final HttpsServer server;

    StubPartners() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers(), trustManagers(), null);
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            server.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters parameters) {
                    SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                    ssl.setNeedClientAuth(true);
                    parameters.setSSLParameters(ssl);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("stub partners: cannot open the HTTPS server", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("stub partners: TLS set-up failed", e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "stub-partner-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/ontvangst/", this::handle);
        server.start();
    }

    /** Value for {@code ketenpoort.demo.partner-base-url}: the example network's endpoints are below it. */
    String baseUrl() {
        return "https://localhost:" + server.getAddress().getPort() + "/ontvangst";
    }

    /** Distinct deliveries received (partner path + Idempotency-Key). */
    long deliveries() {
        return distinct.size();
    }

    /** Every POST received, repeats included. */
    long posts() {
        return posts.get();
    }

    /** {@link System#nanoTime()} when the latest distinct delivery arrived. */
    long lastDeliveryNanos() {
        return lastNew.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads the whole body, counts a POST, answers 200 with no body (Content-Length 0: the connection stays open). */
    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try (InputStream body = exchange.getRequestBody()) {
                body.transferTo(OutputStream.nullOutputStream());
            }
            if ("POST".equals(exchange.getRequestMethod())) {
                posts.incrementAndGet();
                String key = exchange.getRequestURI().getRawPath() + " "
                        + exchange.getRequestHeaders().getFirst("Idempotency-Key");
                if (distinct.add(key)) {
                    lastNew.accumulateAndGet(System.nanoTime(), Math::max);
                }
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private static javax.net.ssl.KeyManager[] keyManagers() throws IOException, GeneralSecurityException {
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(load(TestPki.partnerKeyStore("transfore")), TestPki.storePassword().toCharArray());
        return factory.getKeyManagers();
    }

    private static javax.net.ssl.TrustManager[] trustManagers() throws IOException, GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(load(TestPki.trustStore()));
        return factory.getTrustManagers();
    }

    private static KeyStore load(Path file) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, TestPki.storePassword().toCharArray());
        }
        return store;
    }
}
