package nl.hvht.ketenpoort.pipeline;

/** The named steps of the pipeline. Each feature package implements its step as a route from this endpoint. */
public final class Steps {

    /** intake: hardened parse, XSD validation, afzender must be the authenticated partner. */
    public static final String VALIDATE = "direct:validate";
    /** delivery: a berichtId seen before is never processed again; the pipeline stops there. */
    public static final String DEDUPLICATE = "direct:deduplicate";
    /** consent: a Toestemmingsverklaring or Intrekking message from the registrar changes the verklaringen. */
    public static final String REGISTER_CONSENT = "direct:register-consent";
    /** routing (YAML rules in routes/): add recipients, check that every recipient is a partner. */
    public static final String RESOLVE_RECIPIENTS = "direct:resolve-recipients";
    /** consent: a decision per recipient, logged with its ground. */
    public static final String CHECK_CONSENT = "direct:check-consent";
    /** signing: CMS SignedData for every recipient that may receive the message. */
    public static final String SIGN = "direct:sign";
    /** delivery: message and per-recipient status stored in one transaction (the outbox). */
    public static final String RECORD = "direct:record";
    /** delivery: one persistent JMS message per allowed recipient on its own queue. */
    public static final String ENQUEUE = "direct:enqueue";

    /** Id of the one shared error policy ({@code routeConfiguration}) every route uses, Java and YAML. */
    public static final String ERROR_POLICY = "ketenpoort-errors";

    /** Entry of the whole pipeline. */
    public static final String PIPELINE = "direct:pipeline";

    /** Delivery of one queued message to one partner. */
    public static final String DELIVER = "direct:deliver";

    private Steps() {
    }
}
