package nl.hvht.ketenpoort.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;
import nl.hvht.ketenpoort.demo.pki.ExamplePki;
import nl.hvht.ketenpoort.demo.pki.IssuedCertificate;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.util.FileSystemUtils;

/**
 * The example PKI for tests: generated ONCE per JVM (for the partners in {@code partners-example.yml})
 * into a temporary directory that is removed at JVM exit. Point {@code ketenpoort.pki.dir} at
 * {@link #dir()} in integration tests. File names as in {@code certs-example/out}: {@code ca.crt},
 * {@code gateway-tls.crt/.key}, {@code gateway-signing.crt/.key}, {@code <partnerId>.crt/.key}.
 */
public final class TestPki {

    private static final String PASSWORD = "test-" + UUID.randomUUID();
    private static final Map<String, Path> KEY_STORES = new ConcurrentHashMap<>();

    private TestPki() {
    }

    /** Lazily generated on first use, then shared by all tests in this JVM. */
    private static final class Holder {
        static final ExamplePki PKI = ExamplePki.createForExampleNetwork();
        static final Path DIR = writeOnce();

        private static Path writeOnce() {
            try {
                Path dir = Files.createTempDirectory("ketenpoort-pki-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        FileSystemUtils.deleteRecursively(dir);
                    } catch (IOException ignored) {
                        // best effort: it is a temporary directory
                    }
                }));
                PKI.writeTo(dir);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException("Could not create the test PKI directory", e);
            }
        }
    }

    /** The directory with all PEM files (value for {@code ketenpoort.pki.dir}). */
    public static Path dir() {
        return Holder.DIR;
    }

    /** The in-memory example PKI, e.g. to issue extra certificates from the same (trusted) CA. */
    public static ExamplePki pki() {
        dir();
        return Holder.PKI;
    }

    public static Path caCert() {
        return dir().resolve(ExamplePki.CA + ".crt");
    }

    public static X509Certificate caCertificate() {
        return pki().ca().certificate();
    }

    /** {@code <id>.crt}; id is a partner id, {@code gateway-tls}, {@code gateway-signing} or {@code ca}. */
    public static Path cert(String id) {
        return existing(dir().resolve(id + ".crt"));
    }

    /** {@code <id>.key} (PKCS#8 PEM). */
    public static Path key(String id) {
        return existing(dir().resolve(id + ".key"));
    }

    /** {@code ca.crl}: a CRL of the test CA (valid for a week), revoking nothing until {@link #writeCrl} says otherwise. */
    public static synchronized Path crl() {
        Path file = dir().resolve(ExamplePki.CA + ".crl");
        if (!Files.exists(file)) {
            writeCrl(List.of());
        }
        return file;
    }

    /** Replaces {@code ca.crl} by a CRL of the test CA (valid for a week) that revokes exactly these certificates. */
    public static synchronized void writeCrl(Collection<X509Certificate> revoked) {
        Path file = dir().resolve(ExamplePki.CA + ".crl");
        try {
            Files.write(file, pki().ca().issueCrl(revoked, Instant.now().plus(Duration.ofDays(7))).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException("Could not encode the test CRL", e);
        }
    }

    /** Name of the test intermediate CA's CRL file in {@link #dir()}. */
    private static final String INTERMEDIATE_CRL = "tussen-ca.crl";

    /** An intermediate CA under the test CA (root -> intermediate -> leaf), as PKIoverheid has; one per JVM. */
    private static final class IntermediateHolder {
        static final nl.hvht.ketenpoort.demo.pki.CertificateAuthority CA =
                pki().ca().issueIntermediate("Ketenpoort Voorbeeld Tussen-CA", "Ketenpoort voorbeeld (niet voor productie)", 2);
    }

    /** The test intermediate CA (issued by the trusted test CA; not itself a trust anchor). */
    public static nl.hvht.ketenpoort.demo.pki.CertificateAuthority intermediate() {
        return IntermediateHolder.CA;
    }

    /** {@code tussen-ca.crl}: a CRL of the intermediate CA (valid for a week), revoking nothing until {@link #writeIntermediateCrl}. */
    public static synchronized Path intermediateCrl() {
        Path file = dir().resolve(INTERMEDIATE_CRL);
        if (!Files.exists(file)) {
            writeIntermediateCrl(List.of());
        }
        return file;
    }

    /** Replaces {@code tussen-ca.crl} by a CRL of the intermediate CA that revokes exactly these certificates. */
    public static synchronized void writeIntermediateCrl(Collection<X509Certificate> revoked) {
        Path file = dir().resolve(INTERMEDIATE_CRL);
        try {
            Files.write(file, intermediate().issueCrl(revoked, Instant.now().plus(Duration.ofDays(7))).getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        } catch (java.security.cert.CRLException e) {
            throw new IllegalStateException("Could not encode the test CRL", e);
        }
    }

    /** PEM text of certificates (as in the {@code .crt} files), written by Bouncy Castle. */
    public static String pem(X509Certificate... certificates) {
        return pemOf((Object[]) certificates);
    }

    /** PEM text of a private key (PKCS#8, as in the {@code .key} files), written by Bouncy Castle. */
    public static String pem(java.security.PrivateKey key) {
        try {
            return pemOf(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("Could not encode a private key", e);
        }
    }

    private static String pemOf(Object... objects) {
        java.io.StringWriter text = new java.io.StringWriter();
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter writer = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Could not write PEM", e);
        }
        return text.toString();
    }

    /** TLS client context: the partner's key and certificate as client identity, the example CA as trust. */
    public static SSLContext clientContext(String partnerId) {
        IssuedCertificate partner = pki().partner(partnerId);
        PemSslStore keyStore = PemSslStore.of(List.of(partner.certificate(), caCertificate()), partner.privateKey());
        PemSslStore trustStore = PemSslStore.of(List.of(caCertificate()), null);
        return SslBundle.of(new PemSslStoreBundle(keyStore, trustStore)).createSslContext();
    }

    /** TLS client context without a client certificate, trusting the example CA (the admin port). */
    public static SSLContext trustingContext() {
        PemSslStore trustStore = PemSslStore.of(List.of(caCertificate()), null);
        return SslBundle.of(new PemSslStoreBundle(null, trustStore)).createSslContext();
    }

    /** PKCS12 with the partner's key and certificate chain (alias = partner id), password {@link #storePassword()}. */
    public static Path partnerKeyStore(String partnerId) {
        return KEY_STORES.computeIfAbsent(partnerId, id -> {
            IssuedCertificate partner = pki().partner(id);
            return store(id + ".p12", keyStore -> keyStore.setKeyEntry(id, partner.privateKey(),
                    PASSWORD.toCharArray(), new Certificate[] {partner.certificate(), caCertificate()}));
        });
    }

    /** PKCS12 trust store holding the example CA (alias {@code ca}), password {@link #storePassword()}. */
    public static Path trustStore() {
        return KEY_STORES.computeIfAbsent("truststore", name ->
                store(name + ".p12", keyStore -> keyStore.setCertificateEntry(ExamplePki.CA, caCertificate())));
    }

    /** Password of the PKCS12 files (store and key entries); random per JVM. */
    public static String storePassword() {
        return PASSWORD;
    }

    private interface Filler {
        void fill(KeyStore keyStore) throws GeneralSecurityException;
    }

    private static Path store(String fileName, Filler filler) {
        Path file = dir().resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            filler.fill(keyStore);
            keyStore.store(out, PASSWORD.toCharArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not build " + fileName, e);
        }
    }

    private static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No such file in the test PKI: " + file.getFileName());
        }
        return file;
    }
}
