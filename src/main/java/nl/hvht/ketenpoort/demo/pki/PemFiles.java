package nl.hvht.ketenpoort.demo.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** Writes certificates, CRLs and (unencrypted PKCS#8) private keys as PEM files; reads certificates and keys back. */
final class PemFiles {

    private PemFiles() {
    }

    static void writeCertificate(Path file, X509Certificate certificate) {
        write(file, pem(certificate), false);
    }

    /** Writes the key as unencrypted PKCS#8 PEM (label {@code PRIVATE KEY}); the file is created owner-only (600) where the FS supports it. */
    static void writePrivateKey(Path file, PrivateKey key) {
        try {
            write(file, pem(new JcaPKCS8Generator(key, null)), true);
        } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("Could not encode a private key for " + file.getFileName(), e);
        }
    }

    static void writeCrl(Path file, java.security.cert.X509CRL crl) {
        write(file, pem(crl), false);
    }

    static X509Certificate readCertificate(Path file) {
        try {
            java.util.List<X509Certificate> certificates = org.springframework.boot.ssl.pem.PemContent.load(file).getCertificates();
            if (certificates == null || certificates.isEmpty()) {
                throw new IllegalStateException("No certificate in " + file.getFileName());
            }
            return certificates.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    static PrivateKey readPrivateKey(Path file) {
        try {
            PrivateKey key = org.springframework.boot.ssl.pem.PemContent.load(file).getPrivateKey();
            if (key == null) {
                throw new IllegalStateException("No private key in " + file.getFileName());
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not PEM-encode " + object.getClass().getSimpleName(), e);
        }
        return text.toString();
    }

    private static void write(Path file, String content, boolean secret) {
        try {
            Files.deleteIfExists(file);
            if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, content, StandardCharsets.US_ASCII,
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }
}
