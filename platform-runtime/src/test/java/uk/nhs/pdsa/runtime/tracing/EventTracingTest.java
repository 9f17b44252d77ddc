package uk.nhs.pdsa.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

/**
 * How work caused by events joins their traces, with the OpenTelemetry SDK and its in-memory exporter. Trace
 * contexts as in the W3C Trace Context recommendation's own example ({@code 00-4bf92f3577b34da6a3ce929d0e0e4736-
 * 00f067aa0ba902b7-01}, section 3.2.2.7).
 */
class EventTracingTest {
    private static final String W3C_EXAMPLE = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final EventTracing tracing = new EventTracing(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build().get("test"));

    @Test
    void shouldReadAndWriteTheW3cTraceparent() {
        SpanContext context = EventTracing.parse(W3C_EXAMPLE);
        assertThat(context.isValid()).isTrue();
        assertThat(context.isRemote()).isTrue();
        assertThat(context.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(context.getSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(context.isSampled()).isTrue();
        assertThat(EventTracing.format(context)).isEqualTo(W3C_EXAMPLE);
        for (String malformed : Arrays.asList(null, "", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")) {
            assertThat(EventTracing.parse(malformed).isValid()).as(String.valueOf(malformed)).isFalse();
        }
        assertThat(EventTracing.current()).as("outside any span").isNull();
    }

    @Test
    void shouldContinueTheTraceOfOneCauseAndHandItOnToWhatTheWorkWrites() {
        Span span = tracing.start("pdsa.audit-results.v1 process", SpanKind.CONSUMER, W3C_EXAMPLE);
        String written;
        try (Scope scope = span.makeCurrent()) {
            written = EventTracing.current();
        } finally {
            span.end();
        }
        SpanData data = exported.getFinishedSpanItems().get(0);
        assertThat(data.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(data.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(data.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(data.getLinks()).isEmpty();
        assertThat(written).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-" + data.getSpanId() + "-01");
    }

    @Test
    void shouldContinueTheSharedTraceOfABatchAndLinkEveryOtherEvent() {
        String second = "00-4bf92f3577b34da6a3ce929d0e0e4736-1111111111111111-01";
        tracing.start("batch", SpanKind.CONSUMER, Arrays.asList(W3C_EXAMPLE, null, second, W3C_EXAMPLE, "junk")).end();
        SpanData data = exported.getFinishedSpanItems().get(0);
        assertThat(data.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        assertThat(data.getLinks()).extracting(l -> l.getSpanContext().getSpanId()).containsExactly("1111111111111111");
    }

    @Test
    void shouldStartATraceLinkedToEachWhenTheCausesComeFromSeveralTraces() {
        List<String> causes = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            causes.add(String.format("00-%032x-%016x-01", i + 1, i + 1));
        }
        tracing.start("recompute", SpanKind.INTERNAL, causes).end();
        SpanData data = exported.getFinishedSpanItems().get(0);
        assertThat(data.getParentSpanContext().isValid()).isFalse();
        assertThat(data.getTraceId()).isNotIn(causes.stream().map(c -> c.substring(3, 35)).toList());
        assertThat(data.getLinks()).hasSize(EventTracing.MAX_LINKS).extracting(LinkData::getSpanContext)
                .extracting(SpanContext::getTraceId).first().isEqualTo(String.format("%032x", 1));
    }

    @Test
    void shouldStartATraceOfItsOwnWithoutACause() {
        tracing.start("delivery", SpanKind.CLIENT, (String) null).end();
        SpanData data = exported.getFinishedSpanItems().get(0);
        assertThat(data.getParentSpanContext().isValid()).isFalse();
        assertThat(data.getLinks()).isEmpty();
    }
}
