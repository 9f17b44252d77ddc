package uk.nhs.pdsa.runtime.tracing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Trace context across the platform's asynchronous hops: an event carries the W3C {@code traceparent} of the work
 * that wrote it (the CloudEvents {@code traceparent} extension, stored with the outbox row), and the work it causes
 * elsewhere (a consumer, a recomputation, a delivery) starts a span in that trace. One result can so be followed from
 * the request that submitted it to the email it led to.
 * <p>
 * Work caused by several events (a batch, a recomputation of many series) continues the trace they share, linked to
 * every other context; when they come from several traces it starts its own, linked to each (at most
 * {@value #MAX_LINKS}).
 */
@ApplicationScoped
public class EventTracing {
    static final int MAX_LINKS = 64;
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private final Tracer tracer;

    public EventTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The W3C traceparent of the current span, or null outside any trace. */
    public static String current() {
        return format(Span.current().getSpanContext());
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or null for an invalid context. */
    public static String format(SpanContext context) {
        return context.isValid()
                ? "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex()
                : null;
    }

    /** The remote span context a traceparent names; invalid when it is null or malformed. */
    public static SpanContext parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return SpanContext.getInvalid();
        }
        Context extracted = W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), Map.of("traceparent", traceparent.trim()), MAP);
        return Span.fromContext(extracted).getSpanContext();
    }

    /**
     * Starts a span for work caused by events written in the given trace contexts (nulls and malformed ones are
     * ignored): a child of the first when all share one trace, with links to the others; otherwise a new trace linked
     * to each. The caller ends it, and makes it current while the work writes further events.
     */
    public Span start(String name, SpanKind kind, Collection<String> causes) {
        Set<SpanContext> contexts = new LinkedHashSet<>();
        for (String cause : causes) {
            SpanContext context = parse(cause);
            if (context.isValid()) {
                contexts.add(context);
            }
        }
        SpanBuilder span = tracer.spanBuilder(name).setSpanKind(kind);
        List<SpanContext> links = new ArrayList<>(contexts);
        if (!contexts.isEmpty() && contexts.stream().map(SpanContext::getTraceId).distinct().count() == 1) {
            span.setParent(Context.root().with(Span.wrap(links.remove(0))));
        } else {
            span.setNoParent();
        }
        links.stream().limit(MAX_LINKS).forEach(span::addLink);
        return span.startSpan();
    }

    /** As {@link #start(String, SpanKind, Collection)} for work caused by one event. */
    public Span start(String name, SpanKind kind, String cause) {
        return start(name, kind, cause == null ? List.of() : List.of(cause));
    }
}
