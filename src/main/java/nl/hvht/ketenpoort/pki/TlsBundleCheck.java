package nl.hvht.ketenpoort.pki;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.ssl.PemSslBundleProperties;
import org.springframework.boot.autoconfigure.ssl.PropertiesSslBundle;
import org.springframework.boot.autoconfigure.ssl.SslProperties;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Loads a replaced TLS certificate on every node, also where Spring Boot's file watch ({@code reload-on-update}) misses
 * the change, as on a network file system shared by several nodes (a watch sees only changes made through its own
 * machine): every {@code ketenpoort.pki.tls-controle} it reads the bundle's PEM files ({@code gateway-tls}: certificate,
 * key, trust) and compares their SHA-256 with what is loaded. A change seen twice in a row (the files are complete, not
 * half written) replaces the bundle in the registry, which the partner port, the admin port and outbound delivery
 * follow as on a watched change. Files that do not make a bundle (a key that does not match) leave the old one in use
 * and are tried again. Off when the interval is {@code 0s}.
 */
@Component
class TlsBundleCheck implements SmartLifecycle {

    static final String BUNDLE = "gateway-tls";
    private static final Logger LOG = LoggerFactory.getLogger(TlsBundleCheck.class);

    private final PkiProperties properties;
    private final PemSslBundleProperties bundle;
    private final SslBundleRegistry registry;
    private final ResourceLoader resources;
    private String loaded;
    private String seen;
    private volatile ScheduledExecutorService timer;

    TlsBundleCheck(PkiProperties properties, SslProperties ssl, SslBundleRegistry registry, ResourceLoader resources) {
        this.properties = properties;
        this.bundle = ssl.getBundle().getPem().get(BUNDLE);
        this.registry = registry;
        this.resources = resources;
    }

    /** One check; returns whether the bundle was replaced. Public to tests in this package; the timer calls it. */
    synchronized boolean check() {
        String now = fingerprint();
        if (loaded == null) {
            loaded = now;
            seen = now;
            return false;
        }
        if (now.equals(loaded) || !now.equals(seen)) {
            seen = now;
            return false;
        }
        try {
            SslBundle replaced = PropertiesSslBundle.get(bundle, resources);
            checkKeyMatches(replaced);
            registry.updateBundle(BUNDLE, replaced);
        } catch (RuntimeException | GeneralSecurityException e) {
            LOG.warn("TLS bundle {} changed on disk but cannot be loaded ({}): the old one stays in use", BUNDLE, e.getClass().getName());
            return false;
        }
        loaded = now;
        LOG.info("TLS bundle {} replaced on disk: loaded", BUNDLE);
        return true;
    }

    /** Loads the new stores now (the bundle itself loads lazily) and proves the key belongs to the certificate. */
    private static void checkKeyMatches(SslBundle replaced) throws GeneralSecurityException {
        KeyStore keys = replaced.getStores().getKeyStore();
        String alias = keys.aliases().nextElement();
        PrivateKey key = (PrivateKey) keys.getKey(alias, replaced.getStores().getKeyStorePassword() == null ? null
                : replaced.getStores().getKeyStorePassword().toCharArray());
        Certificate certificate = keys.getCertificate(alias);
        if (!KeyMatch.matches(key, certificate)) {
            throw new GeneralSecurityException("the private key does not belong to the certificate");
        }
        replaced.getStores().getTrustStore();
    }

    private String fingerprint() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            Stream.of(bundle.getKeystore().getCertificate(), bundle.getKeystore().getPrivateKey(), bundle.getTruststore().getCertificate())
                    .forEach(location -> {
                        sha256.update((byte) 0);
                        if (location == null) {
                            return;
                        }
                        try (InputStream in = resources.getResource(location).getInputStream()) {
                            sha256.update(in.readAllBytes());
                        } catch (IOException e) {
                            sha256.update((byte) 1); // missing for a moment (being replaced): another fingerprint
                        }
                    });
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "tls-controle");
            thread.setDaemon(true);
            return thread;
        });
        timer = executor;
        if (properties.tlsControle().isZero() || bundle == null) {
            return;
        }
        check();
        long period = properties.tlsControle().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                check();
            } catch (RuntimeException e) {
                LOG.warn("TLS bundle check failed: {}", e.getClass().getName());
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService executor = timer;
        timer = null;
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
