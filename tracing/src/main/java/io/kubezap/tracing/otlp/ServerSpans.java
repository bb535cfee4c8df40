package io.kubezap.tracing.otlp;

import io.kubezap.tracing.TraceLogFields;
import io.kubezap.tracing.ServerSpan;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.MDC;

import java.util.HashMap;
import java.util.Map;

/**
 * Gives every request on the API port a server span of the component's, a child of the caller's W3C {@code traceparent}
 * (a root span without one): named by its method and, once RESTEasy matched it, its path template; kept in the
 * request's Vert.x context ({@link ServerSpan}: what the pod's webhooks and the gateway's proxied request continue)
 * and named in the log MDC with
 * {@link TraceLogFields}' fields (its trace, its own id as {@code spanId}, the caller's as {@code parentId}); ended
 * with the response's status.
 */
final class ServerSpans implements Handler<RoutingContext> {

    /** Ahead of every other route of the API port (the pod's TransportLimits is -100): refused requests are traced too. */
    static final int ORDER = -200;
    private static final int SERVER_ERRORS = 500;

    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpServerRequest request) {
            return request.headers().names();
        }

        @Override
        public String get(HttpServerRequest request, String name) {
            return request == null ? null : request.getHeader(name);
        }
    };

    private final Tracer tracer;

    ServerSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public void handle(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        Context caller = W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
        Span span = tracer.spanBuilder(request.method().name()).setParent(caller).setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", request.method().name())
                .setAttribute("url.path", request.path())
                .setAttribute("url.scheme", request.scheme())
                .startSpan();
        io.vertx.core.Context requestContext = Vertx.currentContext();
        new ServerSpan(traceparent(span)).putIn(requestContext);
        logFields(span.getSpanContext(), Span.fromContext(caller).getSpanContext());
        routing.addEndHandler(ended -> end(span, routing, requestContext));
        routing.next();
    }

    private static String traceparent(Span span) {
        Map<String, String> headers = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(Context.root().with(span), headers, Map::put);
        return headers.get(TraceLogFields.TRACEPARENT_HEADER);
    }

    private static void logFields(SpanContext own, SpanContext caller) {
        MDC.put(TraceLogFields.TRACE_ID, own.getTraceId());
        MDC.put(TraceLogFields.SPAN_ID, own.getSpanId());
        MDC.put(TraceLogFields.SAMPLED, Boolean.toString(own.isSampled()));
        if (caller.isValid()) {
            MDC.put(TraceLogFields.PARENT_ID, caller.getSpanId());
        } else {
            MDC.remove(TraceLogFields.PARENT_ID);
        }
    }

    private static void end(Span span, RoutingContext routing, io.vertx.core.Context requestContext) {
        int status = routing.response().getStatusCode();
        Object template = route(routing, requestContext);
        if (template != null) {
            span.updateName(routing.request().method().name() + " " + template);
            span.setAttribute("http.route", template.toString());
        }
        span.setAttribute("http.response.status_code", status);
        if (status >= SERVER_ERRORS) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end();
    }

    /** The matched route: kept on the request by {@link ServerSpan#route}, or in its context by Quarkus REST itself. */
    private static Object route(RoutingContext routing, io.vertx.core.Context requestContext) {
        Object onTheRequest = routing.get(ServerSpan.ROUTE_TEMPLATE);
        return onTheRequest != null || requestContext == null ? onTheRequest : requestContext.getLocal(ServerSpan.ROUTE_TEMPLATE);
    }
}
