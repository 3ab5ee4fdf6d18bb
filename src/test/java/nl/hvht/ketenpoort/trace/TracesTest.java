package nl.hvht.ketenpoort.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Traces} on the tracer Spring Boot builds (OpenTelemetry SDK, W3C propagation, parent-based sampling). */
class TracesTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(0.0))).build();
    private final OtelCurrentTraceContext context = new OtelCurrentTraceContext();
    private final OtelTracer tracer = new OtelTracer(provider.get("test"), context, event -> { },
            new OtelBaggageManager(context, List.of(), List.of()));
    private final Traces traces = new Traces(tracer, new OtelPropagator(
            ContextPropagators.create(W3CTraceContextPropagator.getInstance()), provider.get("test")));

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aSpanFromAStoredContextIsItsChildAndCarriesItsFlagAndTracestate() {
        StoredTrace stored = new StoredTrace("00-" + TRACE_ID + "-00f067aa0ba902b7-01", "hvht=k7p1");

        Span attempt = traces.startClient(SpanNames.DELIVERY_ATTEMPT, stored);
        Map<String, String> headers = new LinkedHashMap<>();
        traces.inject(attempt, headers::put);
        attempt.end();

        assertThat(attempt.context().traceId()).isEqualTo(TRACE_ID);
        assertThat(attempt.context().parentId()).isEqualTo("00f067aa0ba902b7");
        assertThat(headers).containsEntry("traceparent", "00-" + TRACE_ID + "-" + attempt.context().spanId() + "-01")
                .containsEntry("tracestate", "hvht=k7p1");
    }

    @Test
    void aTraceNobodySampledStillHasItsIdsButRecordsNothing() {
        Span intake = traces.start(SpanNames.INTAKE, null);
        StoredTrace stored = traces.stored(intake);
        intake.end();

        assertThat(stored.traceparent()).isEqualTo("00-" + intake.context().traceId() + "-" + intake.context().spanId() + "-00");
        assertThat(intake.context().sampled()).isFalse();
    }

    @Test
    void anUnusableStoredContextStartsANewTrace() {
        Span span = traces.start(SpanNames.CONSENT_DECISION,
                new StoredTrace("00-00000000000000000000000000000000-00f067aa0ba902b7-01", null));
        span.end();

        assertThat(span.context().traceId()).hasSize(32).isNotEqualTo("0".repeat(32));
        assertThat(span.context().parentId()).isNull();
    }

    @Test
    void withoutAStoredContextASpanIsAChildOfTheSpanUnderWayAndItsContextIsWhatIsStored() {
        // A partner's sampled trace, so the spans are recorded and know their parents.
        Span intake = traces.start(SpanNames.INTAKE, new StoredTrace("00-" + TRACE_ID + "-00f067aa0ba902b7-01", null));
        try (Tracer.SpanInScope scope = traces.inScope(intake)) {
            Span copy = traces.start(SpanNames.COPY, null);
            copy.end();
            assertThat(copy.context().parentId()).isEqualTo(intake.context().spanId());
            StoredTrace stored = traces.stored(traces.current());
            assertThat(stored.traceparent()).isEqualTo("00-" + TRACE_ID + "-" + intake.context().spanId() + "-01");
        } finally {
            intake.end();
        }
    }
}
