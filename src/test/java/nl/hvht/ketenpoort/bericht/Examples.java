package nl.hvht.ketenpoort.bericht;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example messages in {@code examples/} and one shared parser (schema and JAXB context built once). */
final class Examples {

    static final BerichtSchema SCHEMA = new BerichtSchema();
    static final CategorieCatalog CATALOG = new CategorieCatalog();
    static final BerichtParser PARSER = new BerichtParser(BerichtProperties.defaults(), SCHEMA, CATALOG);

    private Examples() {
    }

    /** The file names of all examples, sorted. */
    static List<String> names() {
        try (Stream<Path> files = Files.list(Path.of("examples"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        try {
            return Files.readString(Path.of("examples", name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(String name) {
        return text(name).getBytes(StandardCharsets.UTF_8);
    }

    /** An example with one literal replacement, which must be present. */
    static byte[] replaced(String name, String from, String to) {
        String text = text(name);
        if (!text.contains(from)) {
            throw new IllegalArgumentException("example " + name + " does not contain " + from);
        }
        return text.replace(from, to).getBytes(StandardCharsets.UTF_8);
    }
}
