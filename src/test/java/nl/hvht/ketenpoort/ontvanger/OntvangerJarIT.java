package nl.hvht.ketenpoort.ontvanger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import nl.hvht.ketenpoort.delivery.TestOntvangstbewijsVerifier;
import nl.hvht.ketenpoort.partner.Versleuteling;
import nl.hvht.ketenpoort.demo.pki.ExamplePki;
import nl.hvht.ketenpoort.signing.TestSignatures;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packed tool, {@code target/ketenpoort-ontvanger.jar} as {@code ./mvnw package} builds it, run as a partner runs it
 * ({@code java -jar}, its own JVM): everything it needs is in the jar (src/ontvanger/assembly.xml), and nothing of the
 * gateway's framework is.
 */
class OntvangerJarIT {

    private static final Path JAR = Path.of("target", "ketenpoort-ontvanger.jar");

    @TempDir
    Path dir;

    @Test
    void theJarDecryptsVerifiesAndSignsAReceiptOnItsOwn() throws Exception {
        byte[] xml = Files.readAllBytes(Path.of("examples", "verwijzing.xml"));
        byte[] copy = TestSignatures.gatewayEncryptor().encrypt(TestSignatures.gatewaySigner().sign(xml),
                TestPki.pki().partner("justact").certificate(), Versleuteling.ENVELOPED_AES_CBC);
        Path in = Tool.write(dir, "kopie.p7m", copy);
        // the files exactly as the example PKI writes them for the demo run (certs-example/out)
        Path ca = TestPki.caCert();
        Tool.Pair tls = new Tool.Pair(TestPki.key("justact"), TestPki.cert("justact"));
        Tool.Pair signing = new Tool.Pair(TestPki.key("justact" + ExamplePki.SIGNING_SUFFIX),
                TestPki.cert("justact" + ExamplePki.SIGNING_SUFFIX));
        String berichtId = UUID.randomUUID().toString();

        Run decrypt = java("decrypt", "--in", in.toString(), "--key", tls.key().toString(), "--cert", tls.cert().toString(),
                "--ca", ca.toString(), "--crl", TestPki.crl().toString(), "--out", dir.resolve("bericht.xml").toString());
        Run receipt = java("ontvangst", "--in", in.toString(), "--bericht-id", berichtId, "--ontvanger", "justact",
                "--key", signing.key().toString(), "--cert", signing.cert().toString(), "--out", dir.resolve("r.p7m").toString());
        Run wrongCommand = java("verify", "--in", in.toString(), "--ca", ca.toString());

        assertThat(decrypt.status()).as(decrypt.err()).isZero();
        assertThat(decrypt.err()).doesNotContain("SLF4J", "Exception");
        assertThat(Files.readAllBytes(dir.resolve("bericht.xml"))).isEqualTo(xml);
        assertThat(receipt.status()).as(receipt.err()).isZero();
        assertThat(TestOntvangstbewijsVerifier.refusal(Files.readAllBytes(dir.resolve("r.p7m")), "justact", berichtId, copy)).isNull();
        assertThat(wrongCommand.status()).as("an encrypted copy given to verify").isEqualTo(ExitCode.INPUT.status());
        assertThat(java("help").status()).isZero();
    }

    @Test
    void theJarHoldsNoFrameworkOfTheGateway() throws IOException {
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(Main.class.getName());
            assertThat(names).contains("nl/hvht/ketenpoort/bericht/v1/Ontvangstbevestiging.class", "xsd/v1/ontvangstbevestiging.xsd");
            assertThat(names).noneMatch(name -> name.startsWith("org/springframework/") || name.startsWith("org/apache/camel/")
                    || name.startsWith("nl/hvht/ketenpoort/delivery/") || name.startsWith("BOOT-INF/"));
        }
    }

    private Run java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the tool ends").isTrue();
        return new Run(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    }

    private record Run(int status, String err) {
    }
}
