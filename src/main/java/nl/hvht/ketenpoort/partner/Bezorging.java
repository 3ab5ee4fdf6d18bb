package nl.hvht.ketenpoort.partner;

/**
 * How a partner gets its copies ({@code bezorging} in its registry entry). Configuration value in lower case
 * ({@code push}, {@code ophalen}); never rename.
 */
public enum Bezorging {
    /** The gateway POSTs each copy to the partner's HTTPS {@code endpoint} (required then). The default. */
    PUSH,
    /**
     * The partner runs no endpoint: it collects its copies from its mailbox on the partner API
     * ({@code /api/v1/postbus}); an {@code endpoint} is refused.
     */
    OPHALEN
}
