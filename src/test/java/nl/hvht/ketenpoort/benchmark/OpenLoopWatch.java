package nl.hvht.ketenpoort.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * What happened around the gateway second by second while an open loop ran, sampled every 200 ms from outside: the
 * TCP connections established to its partner port (from {@code /proc/net/tcp} and {@code tcp6}: each new one is a
 * mutual-TLS handshake), the database sessions busy with a statement and what the busiest of them waited for, and
 * the autovacuum workers with their table (from {@code pg_stat_activity}). {@link #describe} names the seconds whose
 * slowest answer was slow beside what was going on, so a stall can be matched with its cause.
 */
final class OpenLoopWatch implements AutoCloseable {

    private static final long PERIOD_MILLIS = 200;
    private static final String ACTIVITY = """
            select backend_type, state, coalesce(wait_event_type, '-') || ':' || coalesce(wait_event, '-'), query
              from pg_stat_activity where pid <> pg_backend_pid()""";

    /** One second of samples: the most connections and busy sessions seen, the waits, the tables being vacuumed. */
    private static final class Second {
        int connections;
        int busySessions;
        final Map<String, Integer> waits = new TreeMap<>();
        final TreeSet<String> vacuumed = new TreeSet<>();
    }

    private final DataSource postgres;
    private final String portHex;
    private final long startNanos;
    private final Map<Integer, Second> seconds = new TreeMap<>();
    private final Thread sampler;
    private volatile boolean running = true;

    private OpenLoopWatch(DataSource postgres, int apiPort) {
        this.postgres = postgres;
        this.portHex = String.format(Locale.ROOT, "%04X", apiPort);
        this.startNanos = System.nanoTime();
        this.sampler = new Thread(this::sample, "open-loop-watch");
        this.sampler.setDaemon(true);
    }

    static OpenLoopWatch start(DataSource postgres, int apiPort) {
        OpenLoopWatch watch = new OpenLoopWatch(postgres, apiPort);
        watch.sampler.start();
        return watch;
    }

    private void sample() {
        try (Connection c = postgres.getConnection()) {
            long next = System.nanoTime();
            while (running) {
                int second = (int) ((System.nanoTime() - startNanos) / 1_000_000_000L);
                Second s;
                synchronized (seconds) {
                    s = seconds.computeIfAbsent(second, k -> new Second());
                }
                s.connections = Math.max(s.connections, establishedConnections());
                activity(c, s);
                next += PERIOD_MILLIS * 1_000_000L;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
        } catch (SQLException e) {
            System.err.println("open-loop watch stopped: " + e.getMessage());
        }
    }

    private void activity(Connection c, Second s) throws SQLException {
        int busy = 0;
        try (var st = c.createStatement(); var r = st.executeQuery(ACTIVITY)) {
            while (r.next()) {
                String type = r.getString(1);
                if ("autovacuum worker".equals(type)) {
                    String query = r.getString(4) == null ? "" : r.getString(4);
                    s.vacuumed.add(query.replace("autovacuum: ", "").replace("public.", "").toLowerCase(Locale.ROOT));
                } else if ("client backend".equals(type) && "active".equals(r.getString(2))) {
                    busy++;
                    s.waits.merge(r.getString(3), 1, Integer::sum);
                }
            }
        }
        s.busySessions = Math.max(s.busySessions, busy);
    }

    /** Established TCP connections whose local port is the gateway's partner port (state 01 in /proc/net/tcp*). */
    private int establishedConnections() {
        int count = 0;
        for (String file : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(file))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(":" + portHex) && "01".equals(f[3])) {
                        count++;
                    }
                }
            } catch (IOException e) {
                return -1;
            }
        }
        return count;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sampler.join(5_000);
    }

    /**
     * The seconds (by due time, as {@link Load.Latencies#worstBySecond()}) whose slowest answer took more than
     * {@code limitMs} or in which autovacuum ran, each with its worst answer, connections, busy sessions, their most
     * frequent waits and the tables vacuumed; then the most connections seen in the whole loop. Stops the sampling.
     */
    String describe(double[] worstBySecond, double limitMs) throws InterruptedException {
        close(); // the sampler writes into the seconds: it stops before they are read
        List<String> parts = new ArrayList<>();
        int mostConnections = 0;
        synchronized (seconds) {
            for (Map.Entry<Integer, Second> e : seconds.entrySet()) {
                Second s = e.getValue();
                mostConnections = Math.max(mostConnections, s.connections);
                int i = e.getKey();
                double worst = i < worstBySecond.length ? worstBySecond[i] : 0;
                if (worst <= limitMs && s.vacuumed.isEmpty()) {
                    continue;
                }
                StringBuilder part = new StringBuilder("s" + i + " " + Math.round(worst) + " ms: conns " + s.connections
                        + ", busy " + s.busySessions);
                s.waits.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(2)
                        .forEach(w -> part.append(", ").append(w.getKey()).append(' ').append(w.getValue()));
                if (!s.vacuumed.isEmpty()) {
                    part.append(", vacuum ").append(String.join("+", s.vacuumed));
                }
                parts.add(part.toString());
            }
        }
        return (parts.isEmpty() ? "no slow second, no autovacuum" : String.join("; ", parts)) + " (max conns "
                + mostConnections + ")";
    }
}
