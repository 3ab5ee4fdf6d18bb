package nl.hvht.ketenpoort.consent;

/** The consent check could not be carried out (database unreachable, ...). Nothing may be delivered. */
public final class ConsentCheckFailedException extends RuntimeException {

    public ConsentCheckFailedException() {
        super("consent check failed; failing closed", null, false, false);
    }
}
