package nl.hvht.ketenpoort.signing;

/**
 * An encrypted message could not be decrypted, for whatever reason: not for this key, tampered ciphertext or tag,
 * truncated, or not the expected structure. Deliberately one type with one message and no cause, so that the
 * reason cannot be told from the error (no padding or tag oracle).
 */
public final class DecryptionFailedException extends RuntimeException {

    static final String MESSAGE = "encrypted message could not be decrypted";

    DecryptionFailedException() {
        super(MESSAGE, null, false, true);
    }
}
