package nl.hvht.ketenpoort.pki;

import org.springframework.core.io.Resource;

/**
 * Where the gateway's signing certificate is ({@code ketenpoort.signing.certificate}), for the certificate inventory;
 * implemented by the signing package's properties record so this package imports nothing above it.
 */
public interface GatewaySigningCertificate {

    Resource certificate();
}
