package nl.hvht.ketenpoort.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The packaged gateway ({@code target/ketenpoort.jar}) as a separate OS process: the test JVM's own {@code java}, a
 * working directory of its own (so the default {@code ./data/...} stores are fresh, and kept from one incarnation to
 * the next), configuration only by {@code --key=value} arguments, and all output appended to one log file with a
 * marker line per incarnation. In a run with several nodes each node is a GatewayProcess of its own, named by its
 * {@code ketenpoort.delivery.node-id} (empty in a run with one gateway).
 *
 * <p>{@link #kill()} is kill -9 of the gateway and of every process it started (as systemd's default
 * {@code KillMode=control-group} or an OOM kill of a container does); {@link #stop()} is a SIGTERM to the gateway alone,
 * waiting for it to exit.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "ketenpoort.jar").toAbsolutePath();

    /** The JVM options of a run with one gateway. */
    static final List<String> ONE_NODE_JVM = List.of("-Xmx1g");

    private final String node;
    private final Path workDir;
    private final Path log;
    private final List<String> jvm;
    private final List<String> arguments;
    private final int managementPort;
    private final Duration startTimeout;
    private final HttpClient management = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Incarnation> ended = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private Process process;
    private Incarnation current;

    /**
     * @param node the node's name in the incarnations (empty in a run with one gateway)
     * @param jvm  the JVM options, such as {@code -Xmx}
     */
    GatewayProcess(String node, Path workDir, Path log, List<String> jvm, List<String> arguments, int managementPort,
            Duration startTimeout) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the crash suite runs the packaged jar (mvn package first)");
        }
        this.node = node;
        this.workDir = workDir;
        this.log = log;
        this.jvm = List.copyOf(jvm);
        this.arguments = List.copyOf(arguments);
        this.managementPort = managementPort;
        this.startTimeout = startTimeout;
        // A test JVM that ends abnormally (failsafe timeout, Ctrl-C) must not leave a gateway running.
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "crash-gateway-cleanup"));
    }

    /** Spawns a new incarnation and waits until it reports ready (readiness probe 200). */
    void start() {
        if (process != null) {
            throw new IllegalStateException("gateway still running");
        }
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(jvm);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(arguments);
        int number = ended.size() + 1;
        Instant spawned = Instant.now();
        mark("=== crash suite: incarnation " + number + " spawned at " + spawned);
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the gateway", e);
        }
        current = new Incarnation(node, number, process.pid(), spawned, null, Incarnation.End.RUNNING);
        Process running = process;
        try {
            await("incarnation " + number + " ready (log: " + log + ")").atMost(startTimeout)
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!running.isAlive()) {
                            throw new IllegalStateException("the gateway exited with " + running.exitValue()
                                    + " while starting; see " + log);
                        }
                        return ready();
                    });
        } catch (ConditionTimeoutException e) {
            String diagnosis = StartDiagnosis.of(log, number, readiness(), running.pid());
            System.out.println(diagnosis);
            throw new IllegalStateException(diagnosis, e);
        }
    }

    /** kill -9 of the gateway and of the processes it started; waits until they are gone. */
    void kill() {
        Process victim = running();
        List<ProcessHandle> children = victim.descendants().toList();
        victim.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
        awaitExit(victim, Duration.ofSeconds(30));
        awaitGone(children);
        end(Incarnation.End.SIGKILL, "killed (SIGKILL)");
    }

    /**
     * SIGTERM to the gateway; waits for it to exit. Not gone within {@code timeout}, or processes it started still
     * running afterwards: a problem (see {@link #problems()}), and they are killed so the run can go on.
     */
    void stop(Duration timeout) {
        Process victim = running();
        List<ProcessHandle> children = victim.descendants().toList();
        victim.destroy();
        Incarnation.End end = Incarnation.End.SIGTERM;
        try {
            if (!victim.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                problems.add("incarnation " + current.number() + " did not exit within " + timeout + " of SIGTERM; killed");
                victim.destroyForcibly();
                awaitExit(victim, Duration.ofSeconds(30));
                end = Incarnation.End.SIGKILL;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<ProcessHandle> left = children.stream().filter(ProcessHandle::isAlive).toList();
        if (!left.isEmpty()) {
            problems.add("incarnation " + current.number() + " left " + left.size() + " process(es) running after SIGTERM: "
                    + left.stream().map(p -> p.pid() + " " + p.info().command().orElse("?")).toList());
            left.forEach(ProcessHandle::destroyForcibly);
            awaitGone(left);
        }
        end(end, "stopped (SIGTERM), exit " + victim.exitValue());
    }

    /** Every incarnation so far, the running one last (as RUNNING). */
    List<Incarnation> incarnations() {
        List<Incarnation> all = new ArrayList<>(ended);
        if (current != null) {
            all.add(current);
        }
        return all;
    }

    String node() {
        return node;
    }

    /** What went wrong while stopping (no exit in time, processes left behind). */
    List<String> problems() {
        return List.copyOf(problems);
    }

    boolean ready() {
        return healthy("readiness");
    }

    /** The readiness probe's status and body (which component is not UP), or why it did not answer. */
    private String readiness() {
        try {
            HttpResponse<String> response = management.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "no answer (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Whether {@code /actuator/health/<component>} (a group or an indicator) answers 200 (UP). */
    boolean healthy(String component) {
        try {
            HttpResponse<Void> response = management.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/" + component))
                    .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Process running() {
        if (process == null) {
            throw new IllegalStateException("gateway not running");
        }
        if (!process.isAlive()) {
            problems.add("incarnation " + current.number() + " had exited by itself (exit " + process.exitValue() + ")");
        }
        return process;
    }

    private void end(Incarnation.End end, String how) {
        Instant now = Instant.now();
        ended.add(new Incarnation(node, current.number(), current.pid(), current.spawned(), now, end));
        mark("=== crash suite: incarnation " + current.number() + " " + how + " at " + now);
        current = null;
        process = null;
    }

    private static void awaitExit(Process victim, Duration timeout) {
        try {
            if (!victim.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("process " + victim.pid() + " did not end after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Processes that were not our children are reaped by someone else: wait a bounded time for each. */
    private static void awaitGone(List<ProcessHandle> processes) {
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // a zombie nobody reaps yet holds no port or file: go on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void mark(String line) {
        try {
            Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills whatever still runs (after a failure); a clean end uses {@link #stop(Duration)}. */
    @Override
    public synchronized void close() {
        if (process != null) {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}
