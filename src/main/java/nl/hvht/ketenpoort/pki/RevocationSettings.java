package nl.hvht.ketenpoort.pki;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the CRLs are and whether a missing one is tolerated: one setting for inbound signatures and the partner port's
 * client certificates alike ({@code ketenpoort.signing.inbound.crl-files}, {@code .revocation-soft-fail}), implemented
 * by the signing package's properties record so this package imports nothing above it.
 */
public interface RevocationSettings {

    List<Path> crlFiles();

    boolean revocationSoftFail();
}
