package io.kubezap.gateway.logging;

import io.kubezap.contract.SessionLogFields;
import io.kubezap.tracing.TraceLogFields;
import io.kubezap.gateway.config.GatewayConfig;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the session a request is about in the logging MDC (fields {@link SessionLogFields}), from its path alone, before
 * anything else runs: every line logged while serving it — the session's REST, the proxy to its pod, a failure — says
 * which session it was, in text or JSON logs. Paths without a session set nothing. A caller's W3C {@code traceparent}
 * names the trace too ({@link TraceLogFields}) while span export is off; with it on, {@code tracing.otlp}
 * names the gateway's own span.
 */
public class SessionLogFilter {

    private static final Pattern NAMESPACED = Pattern.compile("^/api/v1/namespaces/([^/]+)/sessions/([^/]+)");
    private static final Pattern DEFAULT_NAMESPACE = Pattern.compile("^/api/v1/sessions/([^/]+)");
    private static final String TRACE_FIELDS_PUT = SessionLogFilter.class.getName() + ".traceFields";

    private final GatewayConfig config;

    SessionLogFilter(GatewayConfig config) {
        this.config = config;
    }

    @ServerRequestFilter(preMatching = true)
    public void name(ContainerRequestContext request) {
        Map<String, String> trace = TraceLogFields.ofCaller(request.getHeaderString(TraceLogFields.TRACEPARENT_HEADER));
        trace.forEach(MDC::put);
        request.setProperty(TRACE_FIELDS_PUT, trace.keySet());
        String path = request.getUriInfo().getPath();
        Matcher namespaced = NAMESPACED.matcher(path);
        if (namespaced.find()) {
            put(namespaced.group(1), namespaced.group(2));
            return;
        }
        Matcher inDefault = DEFAULT_NAMESPACE.matcher(path);
        if (inDefault.find()) {
            put(config.defaultNamespace(), inDefault.group(1));
        }
    }

    /** The worker thread serves other requests next. */
    @ServerResponseFilter
    public void forget(ContainerRequestContext request) {
        MDC.remove(SessionLogFields.NAMESPACE);
        MDC.remove(SessionLogFields.SESSION);
        if (request.getProperty(TRACE_FIELDS_PUT) instanceof Set<?> traceFields) {
            traceFields.forEach(field -> MDC.remove((String) field));
        }
    }

    private static void put(String namespace, String session) {
        MDC.put(SessionLogFields.NAMESPACE, namespace);
        MDC.put(SessionLogFields.SESSION, session);
    }
}
