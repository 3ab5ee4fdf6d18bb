package nl.hvht.ketenpoort.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An Artemis shared-store HA pair of two {@link BrokerNode} processes on one shared directory, for the crash suite's
 * broker variant: the primary is live, the backup waits on the store's lock; SIGKILL of the live broker makes the
 * backup live, and a restarted primary takes over again (fail-back) while the backup returns to waiting. The gateway
 * connects with Artemis's HA URL ({@link #brokerUrl()}) and reconnects by itself.
 */
final class BrokerPair implements AutoCloseable {

    enum Role {
        PRIMARY, BACKUP
    }

    /** What a broker logs once it holds the backup lock and has announced itself to the live broker. */
    private static final String BACKUP_ANNOUNCED = "AMQ221031";
    private static final Duration START = Duration.ofSeconds(180);

    private final Path shared;
    private final Path logs;
    private final String name;
    private final Map<Role, Integer> ports = new EnumMap<>(Role.class);
    private final Map<Role, Process> processes = new EnumMap<>(Role.class);
    private final List<String> actions = new ArrayList<>();

    /**
     * @param name the logs' prefix: {@code <logs>/<name>-primary.log} and {@code -backup.log}, fresh for this pair (the
     *             backup's announcements are counted in its log)
     */
    BrokerPair(Path work, Path logs, String name, int primaryPort, int backupPort) throws IOException {
        this.shared = work.resolve("artemis-shared-store");
        this.logs = logs;
        this.name = name;
        for (Role role : Role.values()) {
            Files.deleteIfExists(log(role));
        }
        ports.put(Role.PRIMARY, primaryPort);
        ports.put(Role.BACKUP, backupPort);
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "crash-broker-cleanup"));
    }

    /** The primary live, then the backup waiting behind it. */
    void start() {
        spawn(Role.PRIMARY);
        awaitListening(Role.PRIMARY);
        spawn(Role.BACKUP);
        awaitAnnouncements(Role.BACKUP, 1);
        actions.add("primary live, backup waiting");
    }

    /** Artemis's own HA connection URL over both brokers: clients fail over and reconnect by themselves. */
    String brokerUrl() {
        return "(tcp://127.0.0.1:" + ports.get(Role.PRIMARY) + ",tcp://127.0.0.1:" + ports.get(Role.BACKUP) + ")"
                + "?ha=true&reconnectAttempts=-1&initialConnectAttempts=5&retryInterval=200&retryIntervalMultiplier=1.5"
                + "&maxRetryInterval=2000";
    }

    /** kill -9 of the primary while it is live; waits until the backup has taken over (listens). */
    void killPrimary() {
        kill(Role.PRIMARY);
        awaitListening(Role.BACKUP);
        actions.add("primary SIGKILLed, backup live");
    }

    /** Starts the primary again: it takes over from the backup (fail-back), which waits behind it once more. */
    void restartPrimary() {
        int announcedBefore = announcements(Role.BACKUP);
        spawn(Role.PRIMARY);
        awaitListening(Role.PRIMARY);
        awaitAnnouncements(Role.BACKUP, announcedBefore + 1);
        actions.add("primary restarted, live again; backup waiting");
    }

    /** What was done to the pair, in order (for the report). */
    List<String> actions() {
        return List.copyOf(actions);
    }

    private void spawn(Role role) {
        if (processes.get(role) != null && processes.get(role).isAlive()) {
            throw new IllegalStateException(role + " broker still running");
        }
        Role other = role == Role.PRIMARY ? Role.BACKUP : Role.PRIMARY;
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                BrokerNode.class.getName(), role.name().toLowerCase(), String.valueOf(ports.get(role)),
                String.valueOf(ports.get(other)), shared.toString());
        try {
            Files.createDirectories(shared);
            processes.put(role, new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log(role).toFile())).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + role + " broker", e);
        }
    }

    private void kill(Role role) {
        Process process = processes.get(role);
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(role + " broker is not running");
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(role + " broker did not end after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitListening(Role role) {
        await(role + " broker listening on " + ports.get(role) + " (log " + log(role) + ")").atMost(START)
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    alive(role);
                    return listening(ports.get(role));
                });
    }

    private void awaitAnnouncements(Role role, int count) {
        await(role + " broker announced as backup (log " + log(role) + ")").atMost(START)
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    alive(role);
                    return announcements(role) >= count;
                });
    }

    private void alive(Role role) {
        Process process = processes.get(role);
        if (!process.isAlive()) {
            throw new IllegalStateException(role + " broker exited with " + process.exitValue() + "; see " + log(role));
        }
    }

    private int announcements(Role role) {
        try {
            String text = Files.exists(log(role)) ? Files.readString(log(role)) : "";
            int count = 0;
            for (int at = text.indexOf(BACKUP_ANNOUNCED); at >= 0; at = text.indexOf(BACKUP_ANNOUNCED, at + 1)) {
                count++;
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Path log(Role role) {
        return logs.resolve(name + "-" + role.name().toLowerCase() + ".log");
    }

    @Override
    public synchronized void close() {
        for (Process process : processes.values()) {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
                try {
                    process.waitFor(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
