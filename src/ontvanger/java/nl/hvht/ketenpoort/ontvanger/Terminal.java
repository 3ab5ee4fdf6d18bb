package nl.hvht.ketenpoort.ontvanger;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a command reads and writes: input files ({@code -} is stdin), the output ({@code --out} file, or stdout), and
 * status lines on stderr (ids, types, subjects and codes only).
 */
final class Terminal {

    /** Larger inputs are refused unread (a copy, a receipt). */
    static final int MAX_INPUT_BYTES = 64 * 1024 * 1024;
    private static final String STDIN = "-";

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    Terminal(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /** The bytes of a file, or of stdin for {@code -}. */
    byte[] read(Path file) {
        try {
            if (STDIN.equals(file.toString())) {
                return bounded(in, "stdin");
            }
            Pem.requireFile(file);
            try (InputStream stream = Files.newInputStream(file)) {
                return bounded(stream, file.toString());
            }
        } catch (IOException e) {
            throw new ToolException(ExitCode.INPUT, file + ": cannot be read");
        }
    }

    private static byte[] bounded(InputStream stream, String name) throws IOException {
        byte[] bytes = stream.readNBytes(MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new ToolException(ExitCode.INPUT, name + ": larger than " + MAX_INPUT_BYTES + " bytes");
        }
        return bytes;
    }

    /** Writes the result to the file, or to stdout without one. */
    void write(Optional<Path> file, byte[] bytes) {
        if (file.isEmpty()) {
            out.write(bytes, 0, bytes.length);
            out.flush();
            return;
        }
        try {
            Files.write(file.get(), bytes);
        } catch (IOException e) {
            throw new ToolException(ExitCode.INPUT, file.get() + ": cannot be written");
        }
        status("written " + file.get() + " (" + bytes.length + " bytes)");
    }

    /** A line of output proper (e.g. the mailbox list) on stdout. */
    void print(String line) {
        out.println(line);
        out.flush();
    }

    /** A status line on stderr. */
    void status(String line) {
        err.println(line);
        err.flush();
    }
}
