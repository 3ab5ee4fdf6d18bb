package nl.hvht.ketenpoort.trace;

import io.micrometer.tracing.Link;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.function.BiConsumer;
import org.springframework.stereotype.Component;

/**
 * The gateway's spans, on Micrometer Tracing: a span in a message's trace (from its {@link StoredTrace}, or the span
 * under way on this thread), the current context to store with a message, and the headers that carry a span to a
 * partner. No span is logged; whether one is recorded follows the sampler ({@code management.tracing.sampling.*},
 * the partner's sampled flag first), so an unrecorded span costs only its ids.
 */
@Component
public class Traces {

    private static final String TRACEPARENT = "traceparent";
    private static final String TRACESTATE = "tracestate";
    private static final Propagator.Getter<StoredTrace> STORED = (stored, key) -> switch (key) {
        case TRACEPARENT -> stored.traceparent();
        case TRACESTATE -> stored.tracestate();
        default -> null;
    };

    private final Tracer tracer;
    private final Propagator propagator;

    Traces(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * Starts a span named {@code name}: a child of {@code parent} if it is given (and valid), else of the span under
     * way on this thread, else the first span of a new trace.
     */
    public Span start(String name, StoredTrace parent) {
        return builder(parent).name(name).start();
    }

    /** As {@link #start}, for a span that calls a partner (the delivery attempt). */
    public Span startClient(String name, StoredTrace parent) {
        return builder(parent).name(name).kind(Span.Kind.CLIENT).start();
    }

    /**
     * A span in a message's trace for something another request does to it (a console action): a child of the message's
     * stored context, linked to the span under way on this thread (the console request), so both traces lead to it.
     */
    public Span startLinked(String name, StoredTrace message) {
        Span current = tracer.currentSpan();
        Span.Builder builder = builder(message).name(name);
        if (message != null && current != null) {
            builder.addLink(new Link(current.context()));
        }
        return builder.start();
    }

    /**
     * Marks a console action on a message ({@code actie}: its audit step) as a span of the message's trace, linked to the
     * console request's span that carries its duration. Called once the action is committed.
     */
    public void consoleAction(String actie, String berichtId, StoredTrace message) {
        startLinked(SpanNames.CONSOLE_ACTION, message).tag(SpanNames.ACTIE, actie).tag(SpanNames.BERICHT_ID, berichtId).end();
    }

    /** The span under way on this thread, or null. */
    public Span current() {
        return tracer.currentSpan();
    }

    /** Puts {@code span} in scope on this thread (its trace id in the log's MDC too) until the scope is closed. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }

    /** The context of {@code span} as it is stored with a message; null if it has none to give (tracing off). */
    public StoredTrace stored(Span span) {
        Headers headers = new Headers();
        propagator.inject(span.context(), headers, Headers::put);
        return headers.traceparent == null ? null : new StoredTrace(headers.traceparent, headers.tracestate);
    }

    /** Puts the W3C headers of {@code span} ({@code traceparent}, and {@code tracestate} if any) on an outgoing request. */
    public void inject(Span span, BiConsumer<String, String> header) {
        propagator.inject(span.context(), header, BiConsumer::accept);
    }

    private Span.Builder builder(StoredTrace parent) {
        return parent == null ? tracer.spanBuilder() : propagator.extract(parent, STORED);
    }

    /** The two headers of one injection. */
    private static final class Headers {

        private String traceparent;
        private String tracestate;

        void put(String key, String value) {
            if (TRACEPARENT.equals(key)) {
                traceparent = value;
            } else if (TRACESTATE.equals(key)) {
                tracestate = value;
            }
        }
    }
}
