package nl.hvht.ketenpoort.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Guard for fuzz tests: "no input may make the gateway open a connection".
 *
 * <p>Two independent tripwires. (1) A default {@link ProxySelector} that records every destination: the
 * JDK asks it before every {@code URLConnection} (http, https, ftp) and before every plain
 * {@code java.net.Socket} connect, whatever the host. (2) A local HTTP listener on a fixed loopback port
 * ({@link #CANARY_PORT}) that the committed seed inputs point their DTDs, entities, XIncludes and schema
 * locations at, so a fetch that slipped past the selector would still be counted.
 */
public final class NoOutboundConnections implements AutoCloseable {

    /** Fixed so static seed files can point at it; see the seeds under {@code *FuzzTestInputs/}. */
    public static final int CANARY_PORT = 47613;

    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final AtomicInteger canaryHits = new AtomicInteger();
    private final ProxySelector previous;
    private final HttpServer canary;

    private NoOutboundConnections() {
        previous = ProxySelector.getDefault();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                attempts.add(String.valueOf(uri));
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
                // recorded in select already
            }
        });
        canary = startCanary();
    }

    /** Installs the guard; close it to restore the previous selector and stop the listener. */
    public static NoOutboundConnections install() {
        return new NoOutboundConnections();
    }

    private HttpServer startCanary() {
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), CANARY_PORT), 0);
            server.createContext("/", exchange -> {
                canaryHits.incrementAndGet();
                byte[] body = "<!ENTITY leak \"gelekt\">".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            // Port taken (e.g. two builds at once): the selector tripwire alone still catches every attempt.
            return null;
        }
    }

    /** Throws if any connection was attempted or the canary was reached since the last call; then resets. */
    public void assertNone() {
        int hits = canaryHits.getAndSet(0);
        List<String> seen = List.copyOf(attempts);
        attempts.clear();
        if (hits > 0 || !seen.isEmpty()) {
            throw new AssertionError("outbound connection attempted: " + seen + ", canary hits " + hits);
        }
    }

    @Override
    public void close() {
        ProxySelector.setDefault(previous);
        if (canary != null) {
            canary.stop(0);
        }
    }
}
