package nl.hvht.ketenpoort.ontvanger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The partner's side of the mailbox (postbus) on the gateway's partner API, over mutual TLS with the partner's TLS key
 * and certificate, trusting only the given CA certificates (and checking the gateway's host name), with the JDK
 * {@link HttpClient}: {@code GET /api/v1/postbus} (a page of metadata), {@code GET /api/v1/postbus/{berichtId}} (the
 * copy, exactly the bytes a push would have sent) and {@code POST /api/v1/postbus/{berichtId}/ontvangst} (empty, or the
 * signed receipt). An error answer becomes {@link ExitCode#GATEWAY_ERROR} with the status and the problem's
 * {@code code} and {@code detail}.
 */
final class PostbusClient {

    static final String PATH = "/api/v1/postbus";
    /** The Content-Type of a receipt, as a partner answers a push delivery with it. */
    static final String RECEIPT_CONTENT_TYPE = "application/pkcs7-mime; smime-type=signed-data";
    /** A copy larger than this is not read (the gateway's own limit is far lower). */
    static final int MAX_COPY_BYTES = 64 * 1024 * 1024;
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI gateway;
    private final HttpClient http;
    private final Duration timeout;

    /**
     * @param gateway      the partner API's base address, e.g. {@code https://localhost:8443}
     * @param tls          the partner's TLS (client) key and certificate chain
     * @param trustAnchors the CA certificates the gateway's TLS certificate must chain to
     */
    PostbusClient(URI gateway, Pem.Credentials tls, List<X509Certificate> trustAnchors, Duration timeout) {
        if (!"https".equalsIgnoreCase(gateway.getScheme()) || gateway.getHost() == null) {
            throw new ToolException(ExitCode.USAGE, "--gateway must be an https address, e.g. https://localhost:8443");
        }
        this.gateway = gateway;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().sslContext(sslContext(tls, trustAnchors)).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One page of the mailbox, oldest first. */
    Page list(Optional<Integer> limiet, Optional<String> na) {
        List<String> query = new ArrayList<>();
        limiet.ifPresent(limit -> query.add("limiet=" + limit));
        na.ifPresent(cursor -> query.add("na=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)));
        URI uri = gateway.resolve(PATH + (query.isEmpty() ? "" : "?" + String.join("&", query)));
        Answer answer = send(HttpRequest.newBuilder(uri).header("Accept", "application/json").GET(), 200);
        try {
            JsonNode page = JSON.readTree(answer.body());
            List<Entry> entries = new ArrayList<>();
            for (JsonNode item : page.path("berichten")) {
                entries.add(new Entry(item.path("berichtId").asText(), item.path("type").asText(),
                        item.path("afzender").asText(), item.path("aangeboden").asText(), item.path("contentType").asText()));
            }
            JsonNode next = page.path("volgende");
            return new Page(entries, next.isTextual() && !next.asText().isEmpty() ? Optional.of(next.asText()) : Optional.empty());
        } catch (IOException | RuntimeException e) {
            throw new ToolException(ExitCode.GATEWAY_ERROR, "the gateway's mailbox list is not the JSON of the contract");
        }
    }

    /** One copy: the exact bytes, with the Content-Type and Ketenpoort headers it came with. */
    Fetched fetch(String berichtId) {
        Answer answer = send(HttpRequest.newBuilder(message(berichtId)).GET(), 200);
        HttpResponse<?> response = answer.response();
        return new Fetched(answer.body(), response.headers().firstValue("Content-Type").orElse(""),
                response.headers().firstValue("Ketenpoort-BerichtId").orElse(""),
                response.headers().firstValue("Ketenpoort-BerichtType").orElse(""),
                response.headers().firstValue("Ketenpoort-Afzender").orElse(""));
    }

    /** Acknowledges a copy, with the signed receipt or (empty) without. */
    void acknowledge(String berichtId, Optional<byte[]> receipt) {
        URI uri = URI.create(message(berichtId) + "/ontvangst");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri);
        if (receipt.isPresent()) {
            request.header("Content-Type", RECEIPT_CONTENT_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(receipt.get()));
        } else {
            request.POST(HttpRequest.BodyPublishers.noBody());
        }
        send(request, 204);
    }

    private URI message(String berichtId) {
        if (!berichtId.matches(UUID)) {
            throw new ToolException(ExitCode.USAGE, "a berichtId is a UUID in lower case");
        }
        return gateway.resolve(PATH + "/" + berichtId);
    }

    private Answer send(HttpRequest.Builder request, int expected) {
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_COPY_BYTES + 1);
            }
        } catch (IOException e) {
            throw new ToolException(ExitCode.CONNECTION_FAILED, "no answer from " + gateway.getHost() + ":" + port()
                    + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolException(ExitCode.CONNECTION_FAILED, "interrupted");
        }
        if (body.length > MAX_COPY_BYTES) {
            throw new ToolException(ExitCode.GATEWAY_ERROR, "the answer is larger than " + MAX_COPY_BYTES + " bytes");
        }
        if (response.statusCode() != expected) {
            throw new ToolException(ExitCode.GATEWAY_ERROR, "the gateway answered " + response.statusCode() + problem(body));
        }
        return new Answer(response, body);
    }

    private int port() {
        return gateway.getPort() < 0 ? 443 : gateway.getPort();
    }

    /** {@code code} and {@code detail} of a problem+json answer (stable codes, no content), or nothing. */
    private static String problem(byte[] body) {
        try {
            JsonNode problem = JSON.readTree(body);
            String code = problem.path("code").asText("");
            String detail = problem.path("detail").asText("");
            return (code.isEmpty() ? "" : " " + code) + (detail.isEmpty() ? "" : ": " + detail);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static SSLContext sslContext(Pem.Credentials tls, List<X509Certificate> trustAnchors) {
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("partner", tls.key(), password, tls.chain().toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < trustAnchors.size(); i++) {
                trust.setCertificateEntry("ca-" + i, trustAnchors.get(i));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ToolException(ExitCode.INPUT, "the TLS key and certificates cannot be used for TLS ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private record Answer(HttpResponse<InputStream> response, byte[] body) {
    }

    /** A mailbox entry (metadata only). */
    record Entry(String berichtId, String type, String afzender, String aangeboden, String contentType) {
    }

    /** A page of the mailbox and the cursor of the next one. */
    record Page(List<Entry> berichten, Optional<String> volgende) {
    }

    /** A fetched copy; {@code body} is exactly what the gateway sent (never logged). */
    record Fetched(byte[] body, String contentType, String berichtId, String berichtType, String afzender) {

        @Override
        public String toString() {
            return "Fetched[" + berichtId + ", " + contentType + ", bytes=" + body.length + "]";
        }
    }
}
