package nl.hvht.ketenpoort.bericht;

import java.util.Map;

/**
 * Input is refused with a stable code. The detail is written by our own code, never copied from the
 * input or from a parser's message (those can hold personal data), so it is safe to log and return.
 */
public class Rejection extends RuntimeException {

    private final RejectionCode code;
    private final transient Map<String, String> properties;

    public Rejection(RejectionCode code) {
        this(code, code.title());
    }

    public Rejection(RejectionCode code, String safeDetail) {
        this(code, safeDetail, Map.of());
    }

    /**
     * A refusal whose problem carries extra, content-free properties (codes and ids only), e.g. {@code reden}; a
     * {@code code} among them replaces the problem's code by a finer one (e.g. {@code RECEIPT_DIGEST_MISMATCH}).
     */
    public Rejection(RejectionCode code, String safeDetail, Map<String, String> properties) {
        super(code + ": " + safeDetail, null, false, false);
        this.code = code;
        this.properties = Map.copyOf(properties);
    }

    /** Extra problem properties (content-free), empty for most refusals. */
    public Map<String, String> properties() {
        return properties;
    }

    public RejectionCode code() {
        return code;
    }

    public String safeDetail() {
        String m = getMessage();
        return m.substring(m.indexOf(": ") + 2);
    }
}
