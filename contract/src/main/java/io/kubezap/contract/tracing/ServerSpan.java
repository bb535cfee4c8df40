package io.kubezap.contract.tracing;

import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.Optional;

/**
 * The pod's or the gateway's own span of the request being served, when spans are exported: its W3C
 * {@code traceparent}, kept in the request's Vert.x context (which the request keeps when it moves to a worker thread)
 * by {@code otlp.ServerSpans}. Nothing of OpenTelemetry here, so that a component without tracing loads none of it.
 */
public record ServerSpan(String traceparent) {

    private static final String KEY = ServerSpan.class.getName();

    /** The span of the request this thread serves; none with export off, or off a request. */
    public static Optional<ServerSpan> current() {
        Context context = Vertx.currentContext();
        return context == null ? Optional.empty() : Optional.ofNullable(context.getLocal(KEY));
    }

    /** Makes this the span of the request whose context {@code context} is. */
    public void putIn(Context context) {
        context.putLocal(KEY, this);
    }
}
