package nl.hvht.ketenpoort.ontvanger;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM files as the example PKI writes them (and PKIoverheid suppliers hand them out): certificates (leaf first, then
 * its chain) and an unencrypted private key (PKCS#8 {@code PRIVATE KEY}; the older {@code EC/RSA PRIVATE KEY} forms are
 * read too). Errors name the file, never its content.
 */
final class Pem {

    private Pem() {
    }

    /** Every certificate in the file, in file order; at least one. */
    static List<X509Certificate> certificates(Path file) {
        requireFile(file);
        List<X509Certificate> certificates = new ArrayList<>();
        try (PEMParser parser = parser(file)) {
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new ToolException(ExitCode.INPUT, file + ": not a readable PEM certificate file");
        }
        if (certificates.isEmpty()) {
            throw new ToolException(ExitCode.INPUT, file + ": holds no certificate");
        }
        return List.copyOf(certificates);
    }

    /** The one private key in the file. */
    static PrivateKey privateKey(Path file) {
        requireFile(file);
        Object item;
        try (PEMParser parser = parser(file)) {
            item = parser.readObject();
        } catch (IOException | RuntimeException e) {
            throw new ToolException(ExitCode.INPUT, file + ": not a readable PEM private key");
        }
        if (item instanceof PKCS8EncryptedPrivateKeyInfo || item instanceof PEMEncryptedKeyPair) {
            throw new ToolException(ExitCode.INPUT, file + ": the key is encrypted; give an unencrypted PKCS#8 key"
                    + " (e.g. openssl pkcs8 -topk8 -nocrypt)");
        }
        try {
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (item instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (item instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
        } catch (IOException | RuntimeException e) {
            throw new ToolException(ExitCode.INPUT, file + ": the private key cannot be used");
        }
        throw new ToolException(ExitCode.INPUT, file + ": holds no private key");
    }

    /** The key with the certificate file it belongs to (leaf first); refused when they do not belong together. */
    static Credentials credentials(Path keyFile, Path certificateFile) {
        PrivateKey key = privateKey(keyFile);
        List<X509Certificate> chain = certificates(certificateFile);
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> throw new ToolException(ExitCode.INPUT, keyFile + ": an EC or RSA key is needed, not " + key.getAlgorithm());
        };
        if (!matches(key, chain.get(0), algorithm)) {
            throw new ToolException(ExitCode.INPUT, keyFile + " does not belong to the first certificate in " + certificateFile);
        }
        return new Credentials(key, chain, algorithm);
    }

    private static boolean matches(PrivateKey key, X509Certificate certificate, String algorithm) {
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signer.sign());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** A certificate's subject as people read it ({@code C=NL,SERIALNUMBER=<OIN>,O=...,CN=...}), not hex-encoded. */
    static String subject(X509Certificate certificate) {
        try {
            return org.bouncycastle.asn1.x500.X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()).toString();
        } catch (IllegalArgumentException e) {
            return certificate.getSubjectX500Principal().getName();
        }
    }

    static void requireFile(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ToolException(ExitCode.INPUT, file + ": no such readable file");
        }
    }

    private static PEMParser parser(Path file) throws IOException {
        Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        return new PEMParser(reader);
    }

    /** A private key with its certificate (first) and chain, and the signature algorithm for the key. */
    record Credentials(PrivateKey key, List<X509Certificate> chain, String signatureAlgorithm) {

        X509Certificate certificate() {
            return chain.get(0);
        }

        @Override
        public String toString() {
            return "Credentials[" + subject(certificate()) + ", key=(hidden)]";
        }
    }
}
