package nl.hvht.ketenpoort.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import nl.hvht.ketenpoort.support.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * A node whose file watch does not see a replaced TLS certificate (a shared network file system) still loads it: the
 * check compares the files' content and replaces the bundle once the change is complete.
 */
class TlsBundleCheckTest {

    @TempDir
    Path dir;

    private final DefaultSslBundleRegistry registry = new DefaultSslBundleRegistry();
    private final List<SslBundle> updates = new ArrayList<>();
    private TlsBundleCheck check;

    @BeforeEach
    void bundleFromFiles() throws Exception {
        copy("gateway-tls", "tls");
        Files.copy(TestPki.caCert(), dir.resolve("ca.crt"));
        SslProperties ssl = new SslProperties();
        PemSslBundleProperties pem = new PemSslBundleProperties();
        pem.getKeystore().setCertificate("file:" + dir.resolve("tls.crt"));
        pem.getKeystore().setPrivateKey("file:" + dir.resolve("tls.key"));
        pem.getTruststore().setCertificate("file:" + dir.resolve("ca.crt"));
        ssl.getBundle().getPem().put(TlsBundleCheck.BUNDLE, pem);
        DefaultResourceLoader resources = new DefaultResourceLoader();
        registry.registerBundle(TlsBundleCheck.BUNDLE, PropertiesSslBundle.get(pem, resources));
        registry.addBundleUpdateHandler(TlsBundleCheck.BUNDLE, updates::add);
        check = new TlsBundleCheck(new PkiProperties(dir, Duration.ofDays(30), Duration.ofSeconds(30)), ssl, registry, resources);
        assertThat(check.check()).as("the first check notes what is loaded").isFalse();
    }

    private void copy(String from, String to) throws Exception {
        Files.copy(TestPki.cert(from), dir.resolve(to + ".crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(TestPki.key(from), dir.resolve(to + ".key"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void unchangedFilesLoadNothing() {
        assertThat(check.check()).isFalse();
        assertThat(check.check()).isFalse();
        assertThat(updates).isEmpty();
    }

    @Test
    void aReplacedCertificateIsLoadedOnceTheChangeIsSeenTwice() throws Exception {
        copy("hvht", "tls");

        assertThat(check.check()).as("seen once: may be half written").isFalse();
        assertThat(check.check()).as("seen twice: loaded").isTrue();
        assertThat(check.check()).isFalse();

        assertThat(updates).hasSize(1);
        X509Certificate loaded = (X509Certificate) updates.get(0).getStores().getKeyStore()
                .getCertificate(updates.get(0).getStores().getKeyStore().aliases().nextElement());
        assertThat(loaded.getSubjectX500Principal().getName()).contains("hvht");
    }

    @Test
    void filesThatDoNotMakeABundleLeaveTheOldOneInUse() throws Exception {
        // the certificate replaced, the key not yet: they do not match
        Files.copy(TestPki.cert("hvht"), dir.resolve("tls.crt"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("tls.key"), "not a key");

        check.check();
        assertThat(check.check()).isFalse();
        assertThat(updates).isEmpty();

        // a valid key, but of another certificate
        Files.copy(TestPki.key("tactus"), dir.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING);
        check.check();
        assertThat(check.check()).isFalse();
        assertThat(updates).isEmpty();

        copy("hvht", "tls");
        check.check();
        assertThat(check.check()).as("complete now").isTrue();
    }
}
