package nl.hvht.ketenpoort.trace;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.otel.bridge.*;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.lang.management.ManagementFactory;
import java.util.*;

/**
 * Not a test: the CPU the trace context adds per two-recipient message (the spans of intake, decisions, copies and
 * delivery attempts, the stored context, the headers; plus what tracing adds to the HTTP server observation), on the
 * tracer as Spring Boot builds it, without an exporter. Arguments: the sampling share, then optionally
 * {@code partner00} or {@code partner01} (a partner's traceparent, not sampled or sampled). Run after test-compile:
 * {@code ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test} then
 * {@code java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) nl.hvht.ketenpoort.trace.SpanCost 0.0}.
 */
public final class SpanCost {

    private SpanCost() {
    }

    public static void main(String[] args) {
        double p = Double.parseDouble(args[0]);
        boolean partnerSampled = args.length > 1 && args[1].equals("partner01");
        boolean partnerUnsampled = args.length > 1 && args[1].equals("partner00");
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(p)))
                .addSpanProcessor(BatchSpanProcessor.builder(new CompositeSpanExporter(List.of(), null, null, null)).build())
                .build();
        io.opentelemetry.api.trace.Tracer otel = provider.get("bench");
        OtelCurrentTraceContext ctx = new OtelCurrentTraceContext();
        Slf4JEventListener mdc = new Slf4JEventListener();
        OtelTracer tracer = new OtelTracer(otel, ctx, mdc::onEvent, new OtelBaggageManager(ctx, List.of(), List.of()));
        OtelPropagator propagator = new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel);
        Traces traces = new Traces(tracer, propagator);
        Map<String, String> incoming = new HashMap<>();
        if (partnerSampled) incoming.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        if (partnerUnsampled) incoming.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00");
        int warm = 200_000, n = 400_000;
        long sink = 0;
        for (int i = 0; i < warm; i++) sink += message(traces, tracer, propagator, incoming);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = os.getProcessCpuTime(), th0 = threads.getCurrentThreadCpuTime(), t0 = System.nanoTime();
        for (int i = 0; i < n; i++) sink += message(traces, tracer, propagator, incoming);
        long cpu1 = os.getProcessCpuTime(), th1 = threads.getCurrentThreadCpuTime(), t1 = System.nanoTime();
        System.out.printf("p=%s %s: thread CPU %.2f us/message, process CPU %.2f us/message, wall %.2f us (sink %d)%n", p,
                args.length > 1 ? args[1] : "no traceparent", (th1 - th0) / 1e3 / n, (cpu1 - cpu0) / 1e3 / n, (t1 - t0) / 1e3 / n, sink % 7);
        provider.shutdown();
    }

    static int message(Traces traces, Tracer tracer, OtelPropagator propagator, Map<String, String> incoming) {
        // HTTP server span: what tracing adds to Spring's existing server observation (extract, span, scope with MDC).
        Span server = propagator.extract(incoming, Map::get).name("http post /api/v1/berichten").kind(Span.Kind.SERVER).start();
        StoredTrace stored;
        try (Tracer.SpanInScope s1 = tracer.withSpan(server)) {
            Span intake = traces.start(SpanNames.INTAKE, null).tag(SpanNames.AFZENDER, "hvht");
            String traceId = intake.context().traceId();
            try (Tracer.SpanInScope s2 = traces.inScope(intake)) {
                stored = traces.stored(intake);
                for (String r : new String[] {"gemeente-enschede", "reclassering-nederland"}) {
                    traces.start(SpanNames.CONSENT_DECISION, null).tag(SpanNames.BERICHT_ID, "0b9d9b7e-5d7e-4c53-9d0e-6b3f5d7c1a2b")
                            .tag(SpanNames.ONTVANGER, r).tag(SpanNames.FASE, "INTAKE").tag(SpanNames.UITKOMST, "ALLOWED").end();
                }
                for (String r : new String[] {"gemeente-enschede", "reclassering-nederland"}) {
                    traces.start(SpanNames.COPY, null).tag(SpanNames.BERICHT_ID, "0b9d9b7e-5d7e-4c53-9d0e-6b3f5d7c1a2b")
                            .tag(SpanNames.ONTVANGER, r).end();
                }
                intake.tag(SpanNames.BERICHT_ID, "0b9d9b7e-5d7e-4c53-9d0e-6b3f5d7c1a2b").tag(SpanNames.BERICHT_TYPE, "Overdracht")
                        .tag(SpanNames.UITKOMST, "ACCEPTED");
            } finally {
                intake.end();
            }
            if (traceId.isEmpty()) return 0;
        } finally {
            server.end();
        }
        // Later, on a delivery thread, per recipient: the decision and the attempt from the stored context, headers injected.
        int headers = 0;
        for (String r : new String[] {"gemeente-enschede", "reclassering-nederland"}) {
            traces.start(SpanNames.CONSENT_DECISION, stored).tag(SpanNames.BERICHT_ID, "0b9d9b7e-5d7e-4c53-9d0e-6b3f5d7c1a2b")
                    .tag(SpanNames.ONTVANGER, r).tag(SpanNames.FASE, "BEZORGING").tag(SpanNames.UITKOMST, "ALLOWED").end();
            Span attempt = traces.startClient(SpanNames.DELIVERY_ATTEMPT, stored).tag(SpanNames.BERICHT_ID, "0b9d9b7e-5d7e-4c53-9d0e-6b3f5d7c1a2b")
                    .tag(SpanNames.ONTVANGER, r).tag(SpanNames.POGING, 1);
            Map<String, String> out = new HashMap<>(4);
            traces.inject(attempt, out::put);
            headers += out.size();
            attempt.tag(SpanNames.UITKOMST, "OK");
            attempt.end();
        }
        return headers;
    }
}
