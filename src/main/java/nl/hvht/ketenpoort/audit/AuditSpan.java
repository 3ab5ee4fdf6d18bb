package nl.hvht.ketenpoort.audit;

import java.time.Instant;

/**
 * Where in a trace an audited step happened (Logboek Dataverwerkingen): the span it happened in and, for a step a
 * partner asked for, that partner's own operation. The record of the step gets a span id of its own, a child of
 * {@code parentSpanId}. Ids are lower-case hex as in W3C {@code traceparent}; anything else is dropped by the writer.
 *
 * @param parentSpanId the span the step happened in (16 hex), or null
 * @param foreign      the calling party's operation (from its {@code traceparent}), or null
 * @param start        when the operation began; null: when it was recorded
 */
public record AuditSpan(String parentSpanId, ForeignOperation foreign, Instant start) {

    /**
     * The calling party's operation: the trace and span of its {@code traceparent} and the party itself.
     *
     * @param traceId 32 hex
     * @param spanId  16 hex
     * @param entity  the calling party (partner id)
     */
    public record ForeignOperation(String traceId, String spanId, String entity) {

        /** The operation of a {@code traceparent} header sent by {@code entity}; null if there is no valid header. */
        public static ForeignOperation of(String traceparent, String entity) {
            if (traceparent == null || !traceparent.matches("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}")) {
                return null;
            }
            String traceId = traceparent.substring(3, 35);
            String spanId = traceparent.substring(36, 52);
            if (traceId.chars().allMatch(c -> c == '0') || spanId.chars().allMatch(c -> c == '0')) {
                return null;
            }
            return new ForeignOperation(traceId, spanId, entity);
        }
    }
}
