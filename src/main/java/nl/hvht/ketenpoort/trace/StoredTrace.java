package nl.hvht.ketenpoort.trace;

/**
 * The W3C trace context of a message as stored with it: the {@code traceparent} of the gateway's intake span and the
 * partner's {@code tracestate} (null if none). Only values written by {@link Traces#current()} are stored; a stored one
 * is read back through the same propagator, so a value that is not valid (any more) starts a new trace.
 *
 * @param traceparent {@code 00-<trace id, 32 hex>-<span id, 16 hex>-<flags>}
 * @param tracestate  the vendor entries the partner sent, or null
 */
public record StoredTrace(String traceparent, String tracestate) {

    /** Longest {@code tracestate} kept (W3C: at least 512 characters must be propagated; OpenTelemetry keeps no more). */
    public static final int MAX_TRACESTATE = 512;

    public StoredTrace {
        if (traceparent == null || traceparent.length() < 55) {
            throw new IllegalArgumentException("not a traceparent");
        }
        if (tracestate != null && (tracestate.isEmpty() || tracestate.length() > MAX_TRACESTATE)) {
            tracestate = null;
        }
    }

    /**
     * A stored context, or null if nothing (usable) was stored: a message from before tracing, or a value not of the
     * form written (then its deliveries start a trace of their own rather than fail).
     */
    public static StoredTrace of(String traceparent, String tracestate) {
        return traceparent == null || traceparent.length() < 55 ? null : new StoredTrace(traceparent, tracestate);
    }

    /** The span id of the stored span (the intake's): 16 lower-case hex digits. */
    public String spanId() {
        return traceparent.substring(36, 52);
    }

    /** The trace id: 32 lower-case hex digits. */
    public String traceId() {
        return traceparent.substring(3, 35);
    }
}
