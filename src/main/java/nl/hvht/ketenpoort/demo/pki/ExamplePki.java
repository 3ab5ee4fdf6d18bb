package nl.hvht.ketenpoort.demo.pki;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The example PKI of the demo run and the tests: one CA and its CRL, the gateway's TLS and signing
 * certificates, and a TLS and a signing certificate per partner (OIN in the subject serialNumber). Generated in
 * memory by {@link #create}; {@link #writeTo} writes {@code ca.crt/.key}, {@code gateway-tls.crt/.key},
 * {@code gateway-signing.crt/.key}, {@code <partnerId>.crt/.key}, {@code <partnerId>-signing.crt/.key} and
 * {@code ca.crl} as PEM. Not for production.
 */
public final class ExamplePki {

    public static final String CA = "ca";
    public static final String GATEWAY_TLS = "gateway-tls";
    public static final String GATEWAY_SIGNING = "gateway-signing";
    /** File name suffix of a partner's signing certificate and key: {@code <partnerId>-signing.crt/.key}. */
    public static final String SIGNING_SUFFIX = "-signing";
    /** The example CA's CRL. */
    public static final String CRL_FILE = "ca.crl";
    /** How long a CRL of the example CA is current; the demo run writes a new one after half of it. */
    public static final java.time.Duration CRL_VALIDITY = java.time.Duration.ofDays(7);

    private static final String OIN = "\\d{20}";

    private final CertificateAuthority ca;
    private final IssuedCertificate gatewayTls;
    private final IssuedCertificate gatewaySigning;
    private final Map<String, IssuedCertificate> partners;
    private final Map<String, IssuedCertificate> partnerSigners;

    private ExamplePki(CertificateAuthority ca, IssuedCertificate gatewayTls, IssuedCertificate gatewaySigning,
            Map<String, IssuedCertificate> partners, Map<String, IssuedCertificate> partnerSigners) {
        this.ca = ca;
        this.gatewayTls = gatewayTls;
        this.gatewaySigning = gatewaySigning;
        this.partners = partners;
        this.partnerSigners = partnerSigners;
    }

    /** Generates the example PKI in memory. */
    public static ExamplePki create(String gatewayOin, Map<String, String> partnerOinsById) {
        requireOin("gateway", gatewayOin);
        CertificateAuthority ca = CertificateAuthority.create("Ketenpoort Voorbeeld-CA",
                "Ketenpoort voorbeeld (niet voor productie)", 5);
        Map<String, IssuedCertificate> partners = new LinkedHashMap<>();
        Map<String, IssuedCertificate> signers = new LinkedHashMap<>();
        partnerOinsById.forEach((id, oin) -> {
            if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*") || isReserved(id)) {
                throw new IllegalArgumentException("Invalid partner id for a certificate file name: " + id);
            }
            requireOin(id, oin);
            partners.put(id, ca.issue(CertificateProfile.TLS, id, id, oin));
            signers.put(id, ca.issue(CertificateProfile.SIGNING, id + "-berichtondertekening", id, oin));
        });
        return new ExamplePki(ca,
                ca.issue(CertificateProfile.TLS, "ketenpoort-gateway", "Ketenpoort", gatewayOin),
                ca.issue(CertificateProfile.SIGNING, "ketenpoort-berichtondertekening", "Ketenpoort", gatewayOin),
                Collections.unmodifiableMap(partners), Collections.unmodifiableMap(signers));
    }

    /** Generates the example PKI for the network in the classpath resource {@code partners-example.yml}. */
    public static ExamplePki createForExampleNetwork() {
        ExampleNetwork network = ExampleNetwork.load(ExampleNetwork.RESOURCE);
        return create(network.gatewayOin(), network.partnerOinsById());
    }

    /** Generates the example PKI and writes its PEM files into {@code dir} (created if needed; files replaced). */
    public static void generate(Path dir, String gatewayOin, Map<String, String> partnerOinsById) {
        create(gatewayOin, partnerOinsById).writeTo(dir);
    }

    /** Writes all certificates and keys as PEM into {@code dir}; key files are owner-only where possible. */
    public void writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dir, e);
        }
        write(dir, CA, ca.credentials());
        write(dir, GATEWAY_TLS, gatewayTls);
        write(dir, GATEWAY_SIGNING, gatewaySigning);
        partners.forEach((id, issued) -> write(dir, id, issued));
        partnerSigners.forEach((id, issued) -> write(dir, id + SIGNING_SUFFIX, issued));
        PemFiles.writeCrl(dir.resolve(CRL_FILE), ca.issueCrl(java.util.List.of(), Instant.now().plus(CRL_VALIDITY)));
    }

    /**
     * Writes a new, empty CRL of the example CA in {@code dir} ({@code ca.crl}, PEM, next update in
     * {@link #CRL_VALIDITY}), signed with {@code ca.key}: what the demo run checks partner certificates and signatures
     * against.
     */
    public static void writeCrl(Path dir) {
        X509Certificate caCertificate = PemFiles.readCertificate(dir.resolve(CA + ".crt"));
        IssuedCertificate issuer = new IssuedCertificate(caCertificate, PemFiles.readPrivateKey(dir.resolve(CA + ".key")));
        Instant now = Instant.now();
        PemFiles.writeCrl(dir.resolve(CRL_FILE), CrlBuilder.crl(issuer, java.util.List.of(),
                java.math.BigInteger.valueOf(now.toEpochMilli()), now.minus(CertificateAuthority.BACKDATE), now.plus(CRL_VALIDITY)));
    }

    /** Whether {@code dir}'s CRL is missing, unreadable, or past half of its validity (so due for a new one). */
    public static boolean crlDue(Path dir) {
        try (java.io.InputStream in = Files.newInputStream(dir.resolve(CRL_FILE))) {
            java.security.cert.X509CRL crl = (java.security.cert.X509CRL) java.security.cert.CertificateFactory
                    .getInstance("X.509").generateCRL(in);
            return crl.getNextUpdate() == null
                    || Instant.now().plus(CRL_VALIDITY.dividedBy(2)).isAfter(crl.getNextUpdate().toInstant());
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return true;
        }
    }

    /** The partner's signing certificate and key (message signatures, not TLS); unknown id → {@link NoSuchElementException}. */
    public IssuedCertificate partnerSigning(String partnerId) {
        IssuedCertificate issued = partnerSigners.get(partnerId);
        if (issued == null) {
            throw new NoSuchElementException("No example signing certificate for partner " + partnerId);
        }
        return issued;
    }

    private static void write(Path dir, String name, IssuedCertificate issued) {
        PemFiles.writePrivateKey(dir.resolve(name + ".key"), issued.privateKey());
        PemFiles.writeCertificate(dir.resolve(name + ".crt"), issued.certificate());
    }

    public CertificateAuthority ca() {
        return ca;
    }

    public IssuedCertificate gatewayTls() {
        return gatewayTls;
    }

    public IssuedCertificate gatewaySigning() {
        return gatewaySigning;
    }

    /** The partner's TLS certificate and key; unknown id → {@link NoSuchElementException}. */
    public IssuedCertificate partner(String partnerId) {
        IssuedCertificate issued = partners.get(partnerId);
        if (issued == null) {
            throw new NoSuchElementException("No example certificate for partner " + partnerId);
        }
        return issued;
    }

    /** All partner certificates by partner id. */
    public Map<String, IssuedCertificate> partners() {
        return partners;
    }

    /**
     * Writes the example PKI for {@code partners-example.yml}. Arguments: {@code [outputDir] [--force]};
     * the directory defaults to {@code certs-example/out}. Refuses to replace an existing {@code ca.crt}
     * without {@code --force}.
     */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** {@link #main} without {@code System.exit}: returns 0 when written, 1 when refused, 2 on bad usage. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        boolean force = false;
        Path dir = Path.of("certs-example", "out");
        for (String arg : args) {
            if ("--force".equals(arg)) {
                force = true;
            } else if (arg.startsWith("-")) {
                err.println("Unknown option " + arg + "; usage: ExamplePki [outputDir] [--force]");
                return 2;
            } else {
                dir = Path.of(arg);
            }
        }
        if (Files.exists(dir.resolve(CA + ".crt")) && !force) {
            err.println(dir.resolve(CA + ".crt") + " already exists; not overwriting (use --force).");
            return 1;
        }
        ExamplePki pki = createForExampleNetwork();
        pki.writeTo(dir);
        out.println("Example PKI written to " + dir.toAbsolutePath() + ": CA, gateway TLS and signing, "
                + pki.partners().size() + " partners. Not for production use.");
        return 0;
    }

    private static void requireOin(String owner, String oin) {
        if (oin == null || !oin.matches(OIN)) {
            throw new IllegalArgumentException("OIN of " + owner + " must be 20 digits");
        }
    }

    private static boolean isReserved(String id) {
        return Objects.equals(id, CA) || Objects.equals(id, GATEWAY_TLS) || Objects.equals(id, GATEWAY_SIGNING)
                || id.endsWith(SIGNING_SUFFIX);
    }
}
