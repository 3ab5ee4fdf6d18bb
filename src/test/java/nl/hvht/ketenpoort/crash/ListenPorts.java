package nl.hvht.ketenpoort.crash;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers a crash run kills and starts again (the brokers of the pair, the gateway nodes), taken outside
 * the kernel's range of ephemeral ports ({@code net.ipv4.ip_local_port_range}).
 *
 * <p>Why: while such a server is down its port is free, and its clients keep connecting to it (Artemis's HA client
 * every 200 ms to 2 s, the senders, the health probes). Linux may give one of those connection attempts that very
 * port as its source port; a TCP connection from a port to itself then succeeds (simultaneous open). The client
 * believes it reached the server and waits for an answer that never comes (Artemis: "Timed out waiting to receive
 * cluster topology"), and the server, started again, cannot bind its port ("Address already in use"). A port outside
 * the ephemeral range is never a source port, so neither can happen. Production ports (61616, 8443) are outside it too.
 */
final class ListenPorts {

    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default range, when the kernel's cannot be read. */
    private static final int[] DEFAULT_RANGE = {32768, 60999};
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private ListenPorts() {
    }

    /** A port no process listens on now, outside the ephemeral range, not handed out before by this JVM. */
    static synchronized int free() {
        int[] ephemeral = ephemeralRange();
        int[] candidates = candidates(ephemeral);
        int size = candidates[1] - candidates[0] + 1;
        int start = ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            int port = candidates[0] + (start + i) % size;
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free port in " + candidates[0] + "-" + candidates[1]
                + " (outside the ephemeral range " + ephemeral[0] + "-" + ephemeral[1] + ")");
    }

    /** The ports to choose from: below the ephemeral range, or above it when it starts too low. */
    static int[] candidates(int[] ephemeral) {
        if (ephemeral[0] - 1 >= LOWEST + 1000) {
            return new int[] {Math.max(LOWEST, ephemeral[0] - 10_000), ephemeral[0] - 1};
        }
        if (ephemeral[1] + 1 <= 65_535 - 1000) {
            return new int[] {ephemeral[1] + 1, 65_535};
        }
        throw new IllegalStateException("the ephemeral port range " + ephemeral[0] + "-" + ephemeral[1]
                + " leaves no room for the crash suite's servers; narrow net.ipv4.ip_local_port_range");
    }

    static int[] ephemeralRange() {
        try {
            String[] parts = Files.readString(RANGE).trim().split("\\s+");
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (IOException | RuntimeException e) {
            return DEFAULT_RANGE.clone();
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
