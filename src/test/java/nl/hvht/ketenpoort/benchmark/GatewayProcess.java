package nl.hvht.ketenpoort.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged gateway ({@code target/ketenpoort.jar}) in a JVM of its own, in a fresh working directory (so a fresh
 * persistent Artemis journal under {@code data/artemis}), configured by command-line arguments only. Its output goes
 * to {@code gateway.log} in that directory.
 */
final class GatewayProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient MANAGEMENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The partner API port, the management (actuator) port and the admin port. */
    record Ports(int api, int management, int admin) {
    }

    private final Process process;
    private final Path workDir;
    private final Ports ports;

    private GatewayProcess(Process process, Path workDir, Ports ports) {
        this.process = process;
        this.workDir = workDir;
        this.ports = ports;
    }

    /** Starts the jar and waits until {@code /actuator/health} says UP. */
    static GatewayProcess start(Path jar, Path workDir, List<String> jvmOptions, List<String> arguments, Ports ports,
            Duration timeout) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(arguments);
        command.add("--server.port=" + ports.api());
        command.add("--management.server.port=" + ports.management());
        command.add("--ketenpoort.admin.port=" + ports.admin());
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("gateway.log").toFile()).start();
        GatewayProcess gateway = new GatewayProcess(process, workDir, ports);
        try {
            gateway.awaitHealthy(timeout);
        } catch (RuntimeException | InterruptedException e) {
            gateway.close();
            throw e;
        }
        return gateway;
    }

    long pid() {
        return process.pid();
    }

    Ports ports() {
        return ports;
    }

    /** The working directory the jar runs in (its {@code data/} is below it). */
    Path workDir() {
        return workDir;
    }

    Path log() {
        return workDir.resolve("gateway.log");
    }

    /** Heap in use (MiB) as the gateway's actuator reports it: {@code jvm.memory.used} with {@code area:heap}. */
    double heapUsedMiB() throws IOException, InterruptedException {
        return metric("jvm.memory.used?tag=area:heap", "VALUE") / (1 << 20);
    }

    /**
     * One statistic of a meter from the actuator's metrics endpoint ({@code COUNT}, {@code TOTAL_TIME} in seconds,
     * {@code TOTAL}, {@code VALUE}, ...); 0 when the meter has not been registered yet.
     */
    double metric(String nameAndTags, String statistic) throws IOException, InterruptedException {
        HttpResponse<String> response = MANAGEMENT.send(HttpRequest.newBuilder(management(
                "/actuator/metrics/" + nameAndTags)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return 0;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(nameAndTags + ": HTTP " + response.statusCode());
        }
        for (JsonNode measurement : JSON.readTree(response.body()).get("measurements")) {
            if (statistic.equals(measurement.get("statistic").asText())) {
                return measurement.get("value").asDouble();
            }
        }
        throw new IllegalStateException(nameAndTags + " has no statistic " + statistic);
    }

    /** Asks the gateway JVM for a full collection ({@code jcmd <pid> GC.run}); false when jcmd is not there. */
    boolean collectGarbage() throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return false;
        }
        try {
            Process gc = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return gc.waitFor(60, TimeUnit.SECONDS) && gc.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** SIGTERM, then up to 90 s for a clean stop; SIGKILL after that. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway stopped (exit " + process.exitValue() + "), see " + log()
                        + ":\n" + tail());
            }
            try {
                HttpResponse<String> health = MANAGEMENT.send(HttpRequest.newBuilder(management("/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && "UP".equals(JSON.readTree(health.body()).path("status").asText())) {
                    return;
                }
                last = "HTTP " + health.statusCode() + " " + health.body();
            } catch (ConnectException e) {
                last = "not listening yet";
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the gateway was not healthy within " + timeout + " (" + last + "), see " + log()
                + ":\n" + tail());
    }

    private URI management(String path) {
        return URI.create("http://127.0.0.1:" + ports.management() + path);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }
}
