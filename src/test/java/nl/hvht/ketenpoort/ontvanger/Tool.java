package nl.hvht.ketenpoort.ontvanger;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import nl.hvht.ketenpoort.support.TestPki;

/** Runs the tool's {@link Main} in this JVM as a partner would on the command line, and writes its input files. */
final class Tool {

    private Tool() {
    }

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    /** {@code <name>.crt} and {@code <name>.key} as the example PKI writes them. */
    static Pair write(Path dir, String name, IssuedCertificate issued) {
        return new Pair(write(dir, name + ".key", TestPki.pem(issued.privateKey())),
                write(dir, name + ".crt", TestPki.pem(issued.certificate())));
    }

    static Path write(Path dir, String name, X509Certificate... certificates) {
        return write(dir, name, TestPki.pem(certificates));
    }

    static Path write(Path dir, String name, PrivateKey key) {
        return write(dir, name, TestPki.pem(key));
    }

    static Path write(Path dir, String name, String text) {
        return write(dir, name, text.getBytes(StandardCharsets.US_ASCII));
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Pair(Path key, Path cert) {
    }

    record Result(int status, byte[] out, String err) {
    }
}
