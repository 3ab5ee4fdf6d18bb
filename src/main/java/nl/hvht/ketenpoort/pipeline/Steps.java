package nl.hvht.ketenpoort.pipeline;

/** The named steps of the pipeline. Each feature package implements its step as a route from this endpoint. */
public final class Steps {

    /** intake: hardened parse, XSD validation, afzender must be the authenticated partner. */
    public static final String VALIDATE = "direct:validate";
    /** delivery: a berichtId seen before is never processed again; the pipeline stops there. */
    public static final String DEDUPLICATE = "direct:deduplicate";
    /** consent: a Toestemmingsverklaring or Intrekking message from the registrar changes the verklaringen. */
    public static final String REGISTER_CONSENT = "direct:register-consent";
    /**
     * routing: an answer (ketenpoort.routing.answers) goes to the sender of the message its correlatieId names, which
     * must have been delivered to the answering partner; other messages pass unchanged.
     */
    public static final String RESOLVE_ANSWER = "direct:resolve-answer";
    /** routing (YAML rules in routes/): add recipients, check that every recipient is a partner. */
    public static final String RESOLVE_RECIPIENTS = "direct:resolve-recipients";
    /** consent: a decision per recipient, logged with its ground. */
    public static final String CHECK_CONSENT = "direct:check-consent";
    /** signing: CMS SignedData for every recipient that may receive the message. */
    public static final String SIGN = "direct:sign";
    /**
     * delivery: the message, its deliveries (due at once), consent decisions and audit records stored in the intake
     * committer's group commit; the request waits for that commit, then the delivery workers are woken.
     */
    public static final String RECORD = "direct:record";

    /** Id of the one shared error policy ({@code routeConfiguration}) every route uses, Java and YAML. */
    public static final String ERROR_POLICY = "ketenpoort-errors";

    /** Entry of the whole pipeline. */
    public static final String PIPELINE = "direct:pipeline";

    /** The POST of one claimed copy to its partner (the delivery worker calls it for each attempt of a batch). */
    public static final String DELIVER = "direct:deliver";

    private Steps() {
    }
}
