package nl.hvht.ketenpoort.support;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.List;

/**
 * The example partners' endpoints ({@code POST /ontvangst/<partner>} on the tests' WireMock server, mutual TLS): what
 * a partner answers and what it received from the gateway, per message. The gateway sends a message's berichtId as the
 * {@code Idempotency-Key} of every POST, so a test finds its own POSTs among those of every other test.
 */
public final class PartnerEndpoints {

    private final WireMockServer server;

    public PartnerEndpoints(WireMockServer server) {
        this.server = server;
    }

    /** The path of a partner's endpoint. */
    public static String path(String partner) {
        return "/ontvangst/" + partner;
    }

    /** From now on the partner answers every POST so. */
    public void answers(String partner, ResponseDefinitionBuilder answer) {
        server.stubFor(post(urlPathEqualTo(path(partner))).willReturn(answer));
    }

    /** The POSTs of this message to this partner, in the order they arrived. */
    public List<LoggedRequest> posts(String partner, String berichtId) {
        return server.findAll(postRequestedFor(urlPathEqualTo(path(partner)))).stream()
                .filter(r -> berichtId.equals(r.getHeader("Idempotency-Key"))).toList();
    }

    /** {@link #posts} once there is at least one (within 30 s). */
    public List<LoggedRequest> awaitPosts(String partner, String berichtId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> !posts(partner, berichtId).isEmpty());
        return posts(partner, berichtId);
    }

    /** The one POST of this message to this partner; fails if there were none or more. */
    public LoggedRequest onlyPost(String partner, String berichtId) {
        List<LoggedRequest> received = posts(partner, berichtId);
        assertThat(received).as("POSTs of %s to %s", berichtId, partner).hasSize(1);
        return received.get(0);
    }

    /** The POSTs of this message to this partner with the answers they got, newest first. */
    public List<ServeEvent> served(String partner, String berichtId) {
        return server.getAllServeEvents().stream()
                .filter(e -> path(partner).equals(e.getRequest().getUrl()))
                .filter(e -> berichtId.equals(e.getRequest().getHeader("Idempotency-Key")))
                .toList();
    }
}
