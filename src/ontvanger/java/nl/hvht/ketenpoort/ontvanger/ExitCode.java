package nl.hvht.ketenpoort.ontvanger;

/** The tool's exit status, one per kind of outcome (README "The receiver's tool"). */
enum ExitCode {

    /** Done: verified, decrypted, receipt written, mailbox answered. */
    OK(0),
    /** Something unexpected inside the tool (a bug); the message names the exception type only. */
    INTERNAL(1),
    /** Wrong command line: unknown command or option, missing or invalid value. */
    USAGE(2),
    /** An input file is missing, unreadable or not what it should be (PEM key, certificate, CA, CRL, copy). */
    INPUT(3),
    /** The signature is refused: tampered, not signed by the expected signer, no valid path to the CA, revoked. */
    SIGNATURE_INVALID(4),
    /** The copy cannot be decrypted with this key (not for it, tampered, truncated, not encrypted). */
    DECRYPTION_FAILED(5),
    /** The gateway answered with an error status (404, 410, 422, ...); its problem code is printed. */
    GATEWAY_ERROR(6),
    /** The gateway could not be reached, or the TLS handshake failed. */
    CONNECTION_FAILED(7);

    private final int status;

    ExitCode(int status) {
        this.status = status;
    }

    int status() {
        return status;
    }
}
