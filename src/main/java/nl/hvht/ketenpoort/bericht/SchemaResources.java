package nl.hvht.ketenpoort.bericht;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.regex.Pattern;

/**
 * Our own XSD files on the classpath. Only plain file names inside {@code xsd/v1/} resolve; anything else
 * (paths, URLs) is refused, so schema loading never reaches the network or the file system.
 */
final class SchemaResources {

    static final String DIRECTORY = "xsd/v1/";
    static final String MAIN = "bericht.xsd";
    static final String NAMESPACE = "urn:nl:hvht:ketenpoort:bericht:v1";

    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*\\.xsd");

    private SchemaResources() {
    }

    /** The classpath URL of a schema file, or null when the name is not one of ours. */
    static URL find(String fileName) {
        if (fileName == null || !FILE_NAME.matcher(fileName).matches()) {
            return null;
        }
        return SchemaResources.class.getClassLoader().getResource(DIRECTORY + fileName);
    }

    static URL require(String fileName) {
        URL url = find(fileName);
        if (url == null) {
            throw new IllegalStateException("XSD resource not found on the classpath: " + DIRECTORY + fileName);
        }
        return url;
    }

    static byte[] read(URL url) {
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read XSD resource " + url, e);
        }
    }

    /** The file-name part of a schemaLocation / systemId ("typen.xsd" from ".../xsd/v1/typen.xsd"). */
    static String fileNameOf(String location) {
        if (location == null) {
            return null;
        }
        return location.substring(location.lastIndexOf('/') + 1);
    }
}
