/**
 * W3C Trace Context for every message (Micrometer Tracing over OpenTelemetry). A partner's {@code traceparent} and
 * {@code tracestate} are continued by Spring's HTTP server observation (an invalid value is ignored: a new trace); the
 * gateway's actions on a message are spans of that trace ({@link nl.hvht.ketenpoort.trace.SpanNames}), and every
 * delivery carries {@code traceparent} to the partner.
 *
 * <p>Public: {@link nl.hvht.ketenpoort.trace.Traces} (start a span in a message's trace, read the current context,
 * put it on an outgoing request) and {@link nl.hvht.ketenpoort.trace.StoredTrace} (the context as text, stored with the
 * message in the ledger, so a delivery after a restart joins the same trace). Inside: {@code TracingConfig}, which keeps
 * participant ids out of span attributes. Owns no table (the ledger stores the context in {@code bericht}).
 *
 * <p>Span attributes hold ids, types, partner ids and outcome words only: never content, never a participant id.
 * Spans leave the gateway only over OTLP, off unless {@code management.otlp.tracing.endpoint} is set.
 */
package nl.hvht.ketenpoort.trace;
