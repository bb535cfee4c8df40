package io.kubezap.session.trace;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The trace context a request's consequences continue. With OpenTelemetry's SDK on, the pod's own server span for the
 * request (so a tracing backend shows the webhook delivery under the pod's span); with it off (the default) the
 * caller's headers as they came.
 */
public final class RequestTrace {

    private RequestTrace() {
    }

    public static Optional<TraceContext> of(String traceparent, String tracestate) {
        Map<String, String> own = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), own, Map::put);
        if (own.containsKey(TraceContext.TRACEPARENT)) {
            return TraceContext.fromHeaders(own.get(TraceContext.TRACEPARENT), own.get(TraceContext.TRACESTATE));
        }
        return TraceContext.fromHeaders(traceparent, tracestate);
    }
}
