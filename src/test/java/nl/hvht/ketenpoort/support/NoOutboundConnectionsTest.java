package nl.hvht.ketenpoort.support;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The fuzz tests' tripwire must trip: an URL fetch and a plain socket connect are both seen. */
class NoOutboundConnectionsTest {

    @Test
    void seesAnUrlFetchToTheCanary() throws Exception {
        try (NoOutboundConnections guard = NoOutboundConnections.install()) {
            guard.assertNone();
            try (InputStream in = URI.create("http://127.0.0.1:" + NoOutboundConnections.CANARY_PORT + "/x")
                    .toURL().openStream()) {
                in.readAllBytes();
            }
            assertThatThrownBy(guard::assertNone).isInstanceOf(AssertionError.class).hasMessageContaining("/x");
        }
    }

    @Test
    void seesAPlainSocketConnectEvenWhenItFails() {
        try (NoOutboundConnections guard = NoOutboundConnections.install()) {
            try (Socket socket = new Socket("127.0.0.1", 9)) {
                socket.getInputStream();
            } catch (Exception expected) {
                // nothing listens on the discard port here; the attempt is what counts
            }
            assertThatThrownBy(guard::assertNone).isInstanceOf(AssertionError.class).hasMessageContaining("socket://");
        }
    }
}
