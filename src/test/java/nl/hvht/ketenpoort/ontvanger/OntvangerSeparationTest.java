package nl.hvht.ketenpoort.ontvanger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The tool stands apart: no class of the gateway refers to package {@code ontvanger} (the gateway's jar leaves it out,
 * pom.xml), and the tool refers to nothing of the gateway but what its jar packs (src/ontvanger/assembly.xml).
 */
class OntvangerSeparationTest {

    private static final Path CLASSES = Path.of("target", "classes", "nl", "hvht", "ketenpoort");
    private static final String TOOL = "nl/hvht/ketenpoort/ontvanger/";
    /** The gateway classes the assembly packs into the tool's jar (besides the generated bericht/v1). */
    private static final List<String> SHARED = List.of("signing/SignatureVerifier", "signing/SignatureInvalidException",
            "signing/SigningKeyUsage", "pki/CrlRevocation", "signing/VerifiedContent", "signing/BerichtDecryptor",
            "signing/DecryptionFailedException", "signing/CmsContentTypes", "partner/CertificateIdentity",
            "partner/Versleuteling");

    @Test
    void noGatewayClassUsesTheTool() {
        try (Stream<Path> files = Files.walk(CLASSES)) {
            List<Path> users = files.filter(file -> file.toString().endsWith(".class"))
                    .filter(file -> !file.startsWith(CLASSES.resolve("ontvanger")))
                    .filter(file -> text(file).contains(TOOL)).toList();
            assertThat(users).isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theToolUsesOnlyTheSharedGatewayClasses() {
        try (Stream<Path> files = Files.walk(CLASSES.resolve("ontvanger"))) {
            List<String> used = files.filter(file -> file.toString().endsWith(".class"))
                    .flatMap(file -> gatewayReferences(text(file)).stream()).distinct().toList();
            assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(name.startsWith("bericht/v1/")
                    || SHARED.stream().anyMatch(name::startsWith)).as(name).isTrue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Class names under nl/hvht/ketenpoort/ other than the tool's, as they appear in the constant pool. */
    private static List<String> gatewayReferences(String classFile) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("nl/hvht/ketenpoort/([A-Za-z0-9_/$]+)").matcher(classFile);
        List<String> names = new java.util.ArrayList<>();
        while (matcher.find()) {
            if (!matcher.group(1).startsWith("ontvanger/")) {
                names.add(matcher.group(1));
            }
        }
        return names;
    }

    private static String text(Path classFile) {
        try {
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
