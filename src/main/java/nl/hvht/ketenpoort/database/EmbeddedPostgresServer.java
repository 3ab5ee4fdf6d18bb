package nl.hvht.ketenpoort.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server owned by this process, on a persistent data directory, with production durability: fsync,
 * synchronous commit and full-page writes on (a commit is on disk before it is acknowledged).
 *
 * <p>A gateway killed with SIGKILL leaves its server running (it is a separate process); the next start finds its
 * {@code postmaster.pid}, stops that orphan (SIGTERM: PostgreSQL's smart shutdown, a checkpoint) and starts a fresh
 * server on the same data directory. A server that itself died is recovered by PostgreSQL from its write-ahead log.
 * Stopped by {@link #close()} only, after everything that uses it (no JVM shutdown hook of its own).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP = Duration.ofSeconds(60);

    private final EmbeddedPostgres server;

    private EmbeddedPostgresServer(EmbeddedPostgres server) {
        this.server = server;
    }

    /** The server's buffer cache (PostgreSQL's default is 128MB); memory is taken as pages are used. */
    static final String SHARED_BUFFERS = "512MB";
    /** WAL between checkpoints requested by volume (default 1GB); the timed checkpoint stays at 5 minutes. */
    static final String MAX_WAL_SIZE = "4GB";

    /** Starts a durable server on {@code dataDirectory} ({@code port} 0: a free one). */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, true);
    }

    /**
     * Starts a server; {@code durable} false switches fsync and synchronous commit off (fast tests only: a crash may
     * lose the last commits).
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, boolean durable) {
        Path dir = dataDirectory.toAbsolutePath();
        try {
            Files.createDirectories(dir.getParent());
            stopOrphan(dir);
            String on = durable ? "on" : "off";
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(PostgresBinaries.forCurrentUser())
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("fsync", on)
                    .setServerConfig("synchronous_commit", on)
                    .setServerConfig("full_page_writes", on)
                    // PostgreSQL's defaults (128 MB of buffers, a checkpoint per GB of WAL) are sized for a laptop from
                    // long ago: under load the sessions write evicted pages themselves, in the commit path.
                    .setServerConfig("shared_buffers", SHARED_BUFFERS)
                    .setServerConfig("max_wal_size", MAX_WAL_SIZE);
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres started = builder.start();
            LOG.info("embedded PostgreSQL on port {} with data in {} (durable: {})", started.getPort(), dir, durable);
            return new EmbeddedPostgresServer(started);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start on " + dir, e);
        }
    }

    /** The JDBC URL of a database on this server, created first if missing. */
    public String database(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("create database " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " (SQL state " + e.getSQLState() + ")", e);
        }
        return server.getJdbcUrl("postgres", name);
    }

    public EmbeddedPostgres server() {
        return server;
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        try {
            server.close();
            LOG.info("embedded PostgreSQL stopped");
        } catch (IOException e) {
            LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getClass().getName());
        }
    }

    /** Stops a server a killed gateway left running on this data directory. */
    private static void stopOrphan(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> orphan = lines.isEmpty() ? Optional.empty()
                : parse(lines.get(0).strip()).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(true));
        if (orphan.isEmpty()) {
            return; // stale file of a server that died: PostgreSQL itself deals with it
        }
        ProcessHandle process = orphan.get();
        LOG.warn("embedded PostgreSQL (pid {}) left running by an earlier gateway process: stopping it", process.pid());
        process.destroy();
        try {
            process.onExit().get(ORPHAN_STOP.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("PostgreSQL pid {} did not stop within {}: killing it (recovery from the WAL follows)", process.pid(), ORPHAN_STOP);
            process.destroyForcibly();
            process.onExit().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping an orphaned PostgreSQL", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot wait for an orphaned PostgreSQL", e);
        }
    }

    private static Optional<Long> parse(String pid) {
        try {
            return Optional.of(Long.parseLong(pid));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
