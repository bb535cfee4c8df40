package io.kubezap.session.trace;

import io.kubezap.tracing.TraceLogFields;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;
import java.util.Set;

/**
 * Names the caller's trace in the logging MDC while a request is served, with span export off (the default): every
 * line logged meanwhile — a 503 for the database, an unexpected error — carries the trace id of its W3C
 * {@code traceparent}, beside the session's own fields. With export on, {@code tracing.otlp.ServerSpans}
 * writes the pod's own server span's ids instead.
 */
public class TraceLogFilter {

    private static final String FIELDS_PUT = TraceLogFilter.class.getName() + ".fields";

    @ServerRequestFilter(preMatching = true)
    public void name(ContainerRequestContext request) {
        Map<String, String> fields = TraceLogFields.ofCaller(request.getHeaderString(TraceLogFields.TRACEPARENT_HEADER));
        fields.forEach(MDC::put);
        request.setProperty(FIELDS_PUT, fields.keySet());
    }

    /** Only what this filter put. */
    @ServerResponseFilter
    public void forget(ContainerRequestContext request) {
        if (request.getProperty(FIELDS_PUT) instanceof Set<?> fields) {
            fields.forEach(field -> MDC.remove((String) field));
        }
    }
}
