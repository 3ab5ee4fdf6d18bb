package nl.hvht.ketenpoort.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.PKIXRevocationChecker.Option;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Revocation checking of a signer's path by CRLs only (JDK {@link PKIXRevocationChecker}, no OCSP, no
 * fetching from distribution points): the CRL files are read at every check, so a replaced file counts at
 * once. A certificate without a current CRL from its issuer fails the check (REVOCATION_UNKNOWN) unless
 * soft-fail is configured. Thread-safe.
 */
public final class CrlRevocation {

    private static final Logger LOG = LoggerFactory.getLogger(CrlRevocation.class);
    private static final CrlRevocation NOT_CHECKED = new CrlRevocation(List.of(), false, false);

    private final List<Path> crlFiles;
    private final boolean softFail;
    private final boolean enabled;

    private CrlRevocation(List<Path> crlFiles, boolean softFail, boolean enabled) {
        this.crlFiles = List.copyOf(crlFiles);
        this.softFail = softFail;
        this.enabled = enabled;
    }

    /** No revocation checking (e.g. for the gateway's own signatures). */
    public static CrlRevocation notChecked() {
        return NOT_CHECKED;
    }

    /**
     * @param crlFiles CRL files (PEM or DER), one or more per issuing CA
     * @param softFail accept when no current CRL can be had (a revoked certificate is still refused)
     */
    public static CrlRevocation fromFiles(List<Path> crlFiles, boolean softFail) {
        return new CrlRevocation(crlFiles, softFail, true);
    }

    /** Checked, without any CRL file and without soft-fail: every certificate's status is unknown, so refused. */
    public boolean failsClosedWithoutCrls() {
        return enabled && crlFiles.isEmpty() && !softFail;
    }

    /** Whether revocation is checked at all ({@link #notChecked()} is not). */
    public boolean enabled() {
        return enabled;
    }

    /**
     * Validates a certification path (PKIX, JDK {@link CertPathValidator}) against the trust anchors with this
     * revocation checking, the CRL files as they are now (e.g. a TLS client certificate's path).
     *
     * @throws java.security.cert.CertPathValidatorException when the path is not valid, a certificate in it is
     *         revoked ({@code BasicReason.REVOKED}) or its status is unknown and soft-fail is off
     *         ({@code BasicReason.UNDETERMINED_REVOCATION_STATUS})
     */
    public void validate(java.security.cert.CertPath path, java.util.Set<java.security.cert.TrustAnchor> trustAnchors)
            throws GeneralSecurityException {
        CertPathValidator validator = CertPathValidator.getInstance("PKIX");
        PKIXParameters parameters = new PKIXParameters(trustAnchors);
        configure(parameters, validator);
        validator.validate(path, parameters);
    }

    /** Sets up revocation checking on the validation parameters, with the CRLs as they are now. */
    public void configure(PKIXParameters parameters, CertPathValidator validator) throws GeneralSecurityException {
        if (!enabled) {
            parameters.setRevocationEnabled(false);
            return;
        }
        PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
        EnumSet<Option> options = EnumSet.of(Option.PREFER_CRLS, Option.NO_FALLBACK);
        if (softFail) {
            options.add(Option.SOFT_FAIL);
        }
        checker.setOptions(options);
        parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(readCrls())));
        parameters.addCertPathChecker(checker);
        parameters.setRevocationEnabled(true);
    }

    private List<CRL> readCrls() throws GeneralSecurityException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        List<CRL> crls = new ArrayList<>();
        for (Path file : crlFiles) {
            try (InputStream in = Files.newInputStream(file)) {
                crls.addAll(factory.generateCRLs(in));
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.warn("CRL file {} could not be read ({}); its issuer's certificates have no known revocation status",
                        file, e.getClass().getSimpleName());
            }
        }
        return crls;
    }

    @Override
    public String toString() {
        return enabled ? "CrlRevocation[files=" + crlFiles + ", softFail=" + softFail + "]" : "CrlRevocation[off]";
    }
}
