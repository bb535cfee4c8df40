package io.kubezap.tracing.export;

import java.util.Map;

/**
 * The resource a component's spans carry: its {@code service.name} (unless {@code quarkus.otel.service.name} names
 * another) and its other attributes ({@code k8s.namespace.name}, {@code kubezap.session}). A component declares one as
 * a bean when its spans need more than its application's name.
 */
public record SpanResource(String serviceName, Map<String, String> attributes) {

    public SpanResource {
        attributes = Map.copyOf(attributes);
    }
}
