package nl.hvht.ketenpoort.signing;

import java.util.Objects;

/**
 * A CMS signature was refused. The message holds only the stable {@link Reason} code, never content.
 */
public class SignatureInvalidException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why a signature was refused; stable codes for audit and return messages. */
    public enum Reason {
        /** Not parseable CMS SignedData, no encapsulated id-data content, or not exactly one signer. */
        MALFORMED,
        /** A digest or signature algorithm that is not allowed (e.g. SHA-1, MD5). */
        WEAK_ALGORITHM,
        /** Signed attributes absent, or content-type / message-digest missing. */
        MISSING_SIGNED_ATTRIBUTES,
        /** The signer's certificate is not included in the SignedData. */
        SIGNER_CERTIFICATE_MISSING,
        /** The signature or message digest does not match the content. */
        SIGNATURE_INVALID,
        /** The signer's certificate does not chain to a trust anchor or is not valid now. */
        UNTRUSTED_SIGNER,
        /**
         * The signer's certificate is not for signing: no keyUsage digitalSignature or nonRepudiation, or a
         * TLS certificate (extendedKeyUsage serverAuth or clientAuth without nonRepudiation).
         */
        NOT_A_SIGNING_CERTIFICATE,
        /** A certificate in the signer's path is revoked by a CRL of its issuer. */
        SIGNER_REVOKED,
        /** No current CRL for a certificate in the signer's path, and revocation checking fails closed. */
        REVOCATION_UNKNOWN,
        /** The signer's OIN is not the OIN of the authenticated sender. */
        SIGNER_MISMATCH
    }

    private final Reason reason;

    SignatureInvalidException(Reason reason) {
        this(reason, null);
    }

    SignatureInvalidException(Reason reason, Throwable cause) {
        super("CMS signature refused: " + Objects.requireNonNull(reason, "reason"), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
