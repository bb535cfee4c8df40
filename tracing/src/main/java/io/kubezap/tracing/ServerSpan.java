package io.kubezap.tracing;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;

/**
 * The pod's or the gateway's own span of the request being served, when spans are exported: its W3C
 * {@code traceparent}, kept in the request's Vert.x context (which the request keeps when it moves to a worker thread)
 * by {@code otlp.ServerSpans}. Nothing of OpenTelemetry here, so that a component without tracing loads none of it.
 */
public record ServerSpan(String traceparent) {

    private static final String KEY = ServerSpan.class.getName();

    /** Where the route's template is kept in the request's context: Quarkus REST's own key ({@code ObservabilityUtil}). */
    public static final String ROUTE_TEMPLATE = "UrlPathTemplate";

    /** The span of the request this thread serves; none with export off, or off a request. */
    public static Optional<ServerSpan> current() {
        Context context = Vertx.currentContext();
        return context == null ? Optional.empty() : Optional.ofNullable(context.getLocal(KEY));
    }

    /**
     * Names the span of {@code request} by its route, e.g. {@code /api/v1/sessions/{session}/messages}: Quarkus REST
     * records the matched template itself only beside Micrometer or its OpenTelemetry extension, which a component may
     * not have. Kept on the request, not in a Vert.x context: a blocking endpoint's filters may run on a duplicate of the
     * request's context.
     */
    public static void route(RoutingContext request, String template) {
        request.put(ROUTE_TEMPLATE, template);
    }

    /** Makes this the span of the request whose context {@code context} is. */
    public void putIn(Context context) {
        context.putLocal(KEY, this);
    }
}
