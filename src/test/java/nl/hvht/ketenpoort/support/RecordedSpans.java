package nl.hvht.ketenpoort.support;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The spans the gateway exported in the ITs (every trace is recorded there: sampling 1.0), the last
 * {@value #KEPT} of them, as a collector would receive them over OTLP. Only a test has a span exporter; the gateway has
 * none unless OTLP is configured.
 */
public final class RecordedSpans implements SpanExporter {

    private static final int KEPT = 20_000;

    private final Deque<SpanData> spans = new ArrayDeque<>();

    /** The recorded spans of one trace. */
    public synchronized List<SpanData> ofTrace(String traceId) {
        return spans.stream().filter(s -> s.getTraceId().equals(traceId)).toList();
    }

    @Override
    public synchronized CompletableResultCode export(Collection<SpanData> batch) {
        for (SpanData span : batch) {
            if (spans.size() == KEPT) {
                spans.removeFirst();
            }
            spans.addLast(span);
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Configuration {

        @Bean
        RecordedSpans recordedSpans() {
            return new RecordedSpans();
        }
    }
}
