package nl.hvht.ketenpoort.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * The gateway processes of a crash run: one ({@link #ONE}, no node name, as the single-gateway variants) or several
 * nodes of one cluster, each a {@link GatewayProcess} with ports of its own (outside the ephemeral range: see
 * {@link ListenPorts}), its own working directory (as on a machine of its own), its own log
 * ({@code target/crash/<variant>-gateway-<node>.log}), its name as {@code ketenpoort.delivery.node-id} and its own
 * partner base URL (so the receiver knows which node posted); every other argument is the same on every node.
 */
final class GatewayNodes implements AutoCloseable {

    /** One gateway, without a node name. */
    static final List<String> ONE = List.of("");

    private final List<GatewayProcess> nodes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    /**
     * @param names     the nodes' names ({@link #ONE}, or each node's {@code ketenpoort.delivery.node-id})
     * @param arguments the arguments of every node
     * @param baseUrl   the partner base URL of a node, by its name
     */
    GatewayNodes(String variant, Path work, Path out, List<String> names, List<String> jvm, List<String> arguments,
            UnaryOperator<String> baseUrl, Duration startTimeout) throws IOException {
        for (String name : names) {
            int port = freePort();
            int managementPort = freePort();
            List<String> own = new ArrayList<>(List.of(
                    "--server.port=" + port,
                    "--management.server.port=" + managementPort,
                    "--ketenpoort.admin.port=" + freePort(),
                    "--ketenpoort.demo.partner-base-url=" + baseUrl.apply(name)));
            if (!name.isEmpty()) {
                own.add("--ketenpoort.delivery.node-id=" + name);
            }
            own.addAll(arguments);
            Path dir = name.isEmpty() ? work : Files.createDirectories(work.resolve(name));
            Path log = out.resolve(variant + "-gateway" + (name.isEmpty() ? "" : "-" + name) + ".log");
            Files.deleteIfExists(log);
            nodes.add(new GatewayProcess(name, dir, log, jvm, own, managementPort, startTimeout));
            ports.add(port);
        }
    }

    /** Starts every node, at the same time when there are several; waits until each is ready. */
    void start() {
        ExecutorService starters = Executors.newFixedThreadPool(nodes.size());
        try {
            CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(node::start, starters))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            starters.shutdownNow();
        }
    }

    int size() {
        return nodes.size();
    }

    /** The node of this name. */
    GatewayProcess node(String name) {
        return nodes.stream().filter(node -> node.node().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no gateway node " + name));
    }

    /** The partner port of the first node. */
    int firstPort() {
        return ports.get(0);
    }

    /** The partner API of each node, in the order of the names. */
    List<PartnerApi> apis() {
        return ports.stream().map(PartnerApi::new).toList();
    }

    /** Whether this health component is UP on every node. */
    boolean healthy(String component) {
        return nodes.stream().allMatch(node -> node.healthy(component));
    }

    /** SIGTERM to every node, one after the other. */
    void stop(Duration timeout) {
        nodes.forEach(node -> node.stop(timeout));
    }

    /** Every incarnation of every node. */
    List<Incarnation> incarnations() {
        return nodes.stream().flatMap(node -> node.incarnations().stream()).toList();
    }

    /** What went wrong while stopping or starting, on any node (named when there are several). */
    List<String> problems() {
        return nodes.stream().flatMap(node -> node.problems().stream()
                .map(problem -> node.node().isEmpty() ? problem : node.node() + ": " + problem)).toList();
    }

    @Override
    public void close() {
        nodes.forEach(GatewayProcess::close);
    }

    private static int freePort() {
        return ListenPorts.free();
    }
}
