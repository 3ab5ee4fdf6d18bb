package nl.hvht.ketenpoort.trace;

/**
 * The spans of the gateway's actions on a message, with the attribute keys they may carry. Low cardinality names; the
 * attributes hold ids, types, partner ids and outcome words only.
 */
public final class SpanNames {

    /** The intake of one message, from its body to the 202 (a child of the HTTP server span). */
    public static final String INTAKE = "intake";
    /** One consent decision for one recipient, at intake or right before a delivery. */
    public static final String CONSENT_DECISION = "consent-decision";
    /** One recipient's copy cut, signed (and encrypted) at intake, at delivery or for a break-glass release. */
    public static final String COPY = "copy";
    /** One delivery attempt: the POST to the partner, which carries this span as its {@code traceparent}. */
    public static final String DELIVERY_ATTEMPT = "delivery-attempt";
    /** One console action on a message (a view, a retry or discard of a dead letter, a break-glass decision). */
    public static final String CONSOLE_ACTION = "console-action";

    public static final String BERICHT_ID = "ketenpoort.bericht.id";
    public static final String BERICHT_TYPE = "ketenpoort.bericht.type";
    public static final String AFZENDER = "ketenpoort.afzender";
    public static final String ONTVANGER = "ketenpoort.ontvanger";
    public static final String FASE = "ketenpoort.fase";
    public static final String UITKOMST = "ketenpoort.uitkomst";
    public static final String POGING = "ketenpoort.poging";
    public static final String ACTIE = "ketenpoort.actie";

    private SpanNames() {
    }
}
