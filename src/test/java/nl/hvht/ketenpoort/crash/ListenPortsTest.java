package nl.hvht.ketenpoort.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class ListenPortsTest {

    @Test
    void takesPortsBelowLinuxsDefaultEphemeralRange() {
        assertThat(ListenPorts.candidates(new int[] {32768, 60999})).containsExactly(22768, 32767);
    }

    @Test
    void takesPortsAboveARangeThatStartsLow() {
        assertThat(ListenPorts.candidates(new int[] {1024, 60999})).containsExactly(61000, 65535);
    }

    @Test
    void refusesARangeThatLeavesNoRoom() {
        assertThatThrownBy(() -> ListenPorts.candidates(new int[] {1024, 65000}))
                .hasMessageContaining("ip_local_port_range");
    }

    @Test
    void handsOutDifferentFreePortsOutsideTheKernelsRange() throws Exception {
        int[] ephemeral = ListenPorts.ephemeralRange();
        int first = ListenPorts.free();
        int second = ListenPorts.free();

        assertThat(first).isNotEqualTo(second);
        for (int port : new int[] {first, second}) {
            assertThat(port < ephemeral[0] || port > ephemeral[1]).as("port %d outside %d-%d", port, ephemeral[0],
                    ephemeral[1]).isTrue();
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
            }
        }
    }
}
