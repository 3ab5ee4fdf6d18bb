package nl.hvht.ketenpoort.database;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * The PostgreSQL binaries for this process. PostgreSQL refuses to run as root, and containers and CI machines often
 * run as root: then the zonky bundle is repacked once with small wrappers for {@code initdb}, {@code pg_ctl} and
 * {@code postgres} that hand the data directory to {@code nobody} and run the real binary as that user (util-linux
 * {@code setpriv}). As any other user the bundle is used as shipped.
 */
public final class PostgresBinaries {

    private static final Set<String> WRAPPED = Set.of("bin/initdb", "bin/pg_ctl", "bin/postgres");
    private static final PgBinaryResolver NON_ROOT = new NonRootBundle();

    private PostgresBinaries() {
    }

    /** The resolver to start a server with as the current user. */
    public static PgBinaryResolver forCurrentUser() {
        return "root".equals(System.getProperty("user.name")) ? NON_ROOT : DefaultPostgresBinaryResolver.INSTANCE;
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
                    # Ketenpoort: PostgreSQL will not run as root; run the real binary as nobody.
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
