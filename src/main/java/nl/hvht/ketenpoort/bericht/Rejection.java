package nl.hvht.ketenpoort.bericht;

/**
 * Input is refused with a stable code. The detail is written by our own code, never copied from the
 * input or from a parser's message (those can hold personal data), so it is safe to log and return.
 */
public class Rejection extends RuntimeException {

    private final RejectionCode code;

    public Rejection(RejectionCode code) {
        this(code, code.title());
    }

    public Rejection(RejectionCode code, String safeDetail) {
        super(code + ": " + safeDetail, null, false, false);
        this.code = code;
    }

    public RejectionCode code() {
        return code;
    }

    public String safeDetail() {
        String m = getMessage();
        return m.substring(m.indexOf(": ") + 2);
    }
}
