package io.kubezap.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.List;
import java.util.Map;

/**
 * The fields that name the trace a log line belongs to, in the logging MDC of the gateway and the session pod while
 * they serve a request: Quarkus OpenTelemetry's names, kept from when both had its extension. With span export on
 * (chart {@code tracing.otlpEndpoint}) {@code tracing.otlp.ServerSpans} writes them for the component's server span
 * ({@code spanId} is then its own span, {@code parentId} the caller's); with it off, the default, the component has
 * no span and writes the caller's W3C {@code traceparent} under the same names ({@link #ofCaller}), so that a log
 * search by trace id works either way.
 */
public final class TraceLogFields {

    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    public static final String PARENT_ID = "parentId";
    public static final String SAMPLED = "sampled";
    public static final String TRACEPARENT_HEADER = "traceparent";

    private static final TextMapGetter<String> TRACEPARENT_ONLY = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return List.of(TRACEPARENT_HEADER);
        }

        @Override
        public String get(String traceparent, String key) {
            return TRACEPARENT_HEADER.equals(key) ? traceparent : null;
        }
    };

    private TraceLogFields() {
    }

    /**
     * The caller's trace as log fields ({@code traceId}, its span as {@code parentId}, {@code sampled}); none when the
     * request has a span of its own ({@link ServerSpan}: {@code tracing.otlp.ServerSpans} writes its fields) or when the
     * header is missing or not a valid W3C trace context (only validated hex ids reach a log line).
     */
    public static Map<String, String> ofCaller(String traceparent) {
        if (traceparent == null || ServerSpan.current().isPresent()) {
            return Map.of();
        }
        SpanContext caller = Span.fromContext(W3CTraceContextPropagator.getInstance()
                .extract(Context.root(), traceparent, TRACEPARENT_ONLY)).getSpanContext();
        if (!caller.isValid()) {
            return Map.of();
        }
        return Map.of(TRACE_ID, caller.getTraceId(), PARENT_ID, caller.getSpanId(), SAMPLED,
                Boolean.toString(caller.isSampled()));
    }
}
