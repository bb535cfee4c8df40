package io.kubezap.session.trace;

import io.kubezap.tracing.ServerSpan;

import java.util.Optional;

/**
 * The trace context a request's consequences continue. With spans exported, the pod's own server span for the
 * request (so a tracing backend shows the webhook delivery under the pod's span), with the caller's {@code tracestate};
 * with export off (the default) the caller's headers as they came.
 */
public final class RequestTrace {

    private RequestTrace() {
    }

    public static Optional<TraceContext> of(String traceparent, String tracestate) {
        Optional<TraceContext> caller = TraceContext.fromHeaders(traceparent, tracestate);
        return ServerSpan.current().map(own -> new TraceContext(own.traceparent(), caller.map(TraceContext::tracestate).orElse(null)))
                .or(() -> caller);
    }
}
