package nl.hvht.ketenpoort.ontvanger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import nl.hvht.ketenpoort.delivery.TestOntvangstbewijsVerifier;
import nl.hvht.ketenpoort.partner.CertificateIdentity;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.TestPki;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;

/**
 * The gateway's side of the mailbox contract ({@code /work/notes/postbus-contract.md}, README "Mailbox"), as a small JDK
 * HTTPS server with the test PKI's gateway TLS certificate that requires a client certificate of the test CA: the
 * caller is the partner whose OIN its certificate carries and sees only its own copies; the list holds what is not yet
 * acknowledged, oldest first, paged by a cursor; a withheld
 * copy answers 410; an acknowledgement with a receipt is checked by the gateway's {@code OntvangstbewijsVerifier}.
 */
final class StubPostbus implements AutoCloseable {

    /** The 410 code this stub answers (the gateway's own is in its README). */
    static final String WITHHELD_CODE = "BERICHT_INGEHOUDEN";

    private final HttpsServer server;
    private final Map<String, Copy> copies = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, String> withheld = new ConcurrentHashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Set<String> delivered = ConcurrentHashMap.newKeySet();

    StubPostbus() throws IOException {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        SSLContext tls = serverContext();
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = tls.getDefaultSSLParameters();
                ssl.setNeedClientAuth(true);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/api/v1/postbus", this::handle);
        server.start();
    }

    URI address() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    /** Puts a copy into a partner's mailbox. */
    void offer(String ontvanger, String berichtId, String type, byte[] body, String contentType) {
        copies.put(berichtId, new Copy(ontvanger, berichtId, type, body, contentType));
    }

    /** Consent no longer allows the copy: fetching it answers 410 with the reason. */
    void withhold(String berichtId, String reason) {
        withheld.put(berichtId, reason);
    }

    /** Method, path and query of every request, with the OIN of the client certificate. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    List<Ack> acks() {
        return List.copyOf(acks);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            X509Certificate client = (X509Certificate) ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0];
            String oin = CertificateIdentity.oinOf(client).orElse("");
            String partner = partnerOf(oin);
            URI uri = exchange.getRequestURI();
            requests.add(exchange.getRequestMethod() + " " + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    + " oin=" + oin);
            String rest = uri.getRawPath().substring("/api/v1/postbus".length());
            String[] path = rest.split("/");
            if (rest.isEmpty() && "GET".equals(exchange.getRequestMethod())) {
                list(exchange, partner, uri.getRawQuery());
                return;
            }
            Copy copy = path.length >= 2 ? copies.get(path[1]) : null;
            if (copy == null || !copy.ontvanger().equals(partner)) {
                problem(exchange, 404, "NOT_FOUND", "not in your mailbox");
            } else if (path.length == 2 && "GET".equals(exchange.getRequestMethod())) {
                fetch(exchange, copy);
            } else if (path.length == 3 && "ontvangst".equals(path[2]) && "POST".equals(exchange.getRequestMethod())) {
                acknowledge(exchange, copy);
            } else {
                problem(exchange, 404, "NOT_FOUND", "no such resource");
            }
        }
    }

    private void list(HttpExchange exchange, String partner, String query) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                parameters.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        int limit = Integer.parseInt(parameters.getOrDefault("limiet", "50"));
        int from = Integer.parseInt(parameters.getOrDefault("na", "0"));
        List<Copy> mine;
        synchronized (copies) {
            mine = copies.values().stream().filter(copy -> copy.ontvanger().equals(partner))
                    .filter(copy -> !delivered.contains(copy.berichtId())).toList();
        }
        StringBuilder json = new StringBuilder("{\"berichten\":[");
        int to = Math.min(mine.size(), from + limit);
        for (int i = from; i < to; i++) {
            Copy copy = mine.get(i);
            json.append(i > from ? "," : "").append("{\"berichtId\":\"").append(copy.berichtId()).append("\",\"type\":\"")
                    .append(copy.type()).append("\",\"afzender\":\"hvht\",\"aangeboden\":\"2026-02-03T10:00:0").append(i)
                    .append("Z\",\"contentType\":\"").append(copy.contentType()).append("\"}");
        }
        json.append("],\"volgende\":").append(to < mine.size() ? "\"" + to + "\"" : "null").append('}');
        send(exchange, 200, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void fetch(HttpExchange exchange, Copy copy) throws IOException {
        String reason = withheld.get(copy.berichtId());
        if (reason != null) {
            problem(exchange, 410, WITHHELD_CODE, reason);
            return;
        }
        exchange.getResponseHeaders().add("Ketenpoort-BerichtId", copy.berichtId());
        exchange.getResponseHeaders().add("Ketenpoort-BerichtType", copy.type());
        exchange.getResponseHeaders().add("Ketenpoort-Afzender", "hvht");
        send(exchange, 200, copy.contentType(), copy.body());
    }

    private void acknowledge(HttpExchange exchange, Copy copy) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Optional<String> contentType = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (body.length > 0) {
            String refusal = contentType.filter(type -> type.startsWith("application/pkcs7-mime")).isEmpty() ? "MISSING"
                    : TestOntvangstbewijsVerifier.refusal(body, copy.ontvanger(), copy.berichtId(), copy.body());
            if (refusal != null) {
                problem(exchange, 422, "RECEIPT_" + refusal, "the receipt is not valid");
                return;
            }
        }
        acks.add(new Ack(copy.berichtId(), body.length > 0, contentType.orElse("")));
        delivered.add(copy.berichtId());
        exchange.sendResponseHeaders(204, -1);
    }

    private static void problem(HttpExchange exchange, int status, String code, String detail) throws IOException {
        send(exchange, status, "application/problem+json", ("{\"type\":\"about:blank\",\"status\":" + status + ",\"code\":\"" + code
                + "\",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static String partnerOf(String oin) {
        return TestPki.pki().partners().entrySet().stream()
                .filter(entry -> CertificateIdentity.oinOf(entry.getValue().certificate()).orElse("").equals(oin))
                .map(Map.Entry::getKey).findFirst().orElse("");
    }

    private static SSLContext serverContext() {
        IssuedCertificate gateway = TestPki.pki().gatewayTls();
        PemSslStore keyStore = PemSslStore.of(List.of(gateway.certificate(), TestPki.caCertificate()), gateway.privateKey());
        PemSslStore trustStore = PemSslStore.of(List.of(TestPki.caCertificate()), null);
        return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private record Copy(String ontvanger, String berichtId, String type, byte[] body, String contentType) {
    }

    /** An acknowledgement the stub took: with a (valid) receipt or without, and its Content-Type. */
    record Ack(String berichtId, boolean withReceipt, String contentType) {
    }
}
