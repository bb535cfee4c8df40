package io.kubezap.session.trace;

import io.kubezap.tracing.ServerSpan;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names each traced request's span by the route it matched ({@code GET /api/v1/sessions/{session}/messages}), not by
 * the path with its ids: Quarkus REST records the template itself only beside Micrometer or its OpenTelemetry extension,
 * and the pod has neither (docs/decisions/0003-pod-metrics-on-the-prometheus-client.md). With span export off it
 * does nothing.
 */
public class RouteTemplates {

    private final Map<Method, String> templates = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void name(ResourceInfo resource, RoutingContext request) {
        if (ServerSpan.current().isEmpty() || resource.getResourceMethod() == null) {
            return;
        }
        ServerSpan.route(request, templates.computeIfAbsent(resource.getResourceMethod(),
                method -> template(resource.getResourceClass(), method)));
    }

    static String template(Class<?> resource, Method method) {
        return join(join("", resource.getAnnotation(Path.class)), method.getAnnotation(Path.class));
    }

    private static String join(String base, Path path) {
        if (path == null || path.value().isEmpty() || path.value().equals("/")) {
            return base.isEmpty() ? "/" : base;
        }
        String part = path.value().startsWith("/") ? path.value() : "/" + path.value();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + part;
    }
}
