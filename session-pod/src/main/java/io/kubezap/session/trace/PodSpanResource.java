package io.kubezap.session.trace;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.tracing.export.SpanResource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.util.Map;

/** The pod's spans name its namespace and session beside the pod's service ({@code tracing.export.SpanExport}). */
@Dependent
class PodSpanResource {

    @Produces
    @Singleton
    SpanResource resource(SessionConfig config) {
        return new SpanResource("kubezap-session-pod", Map.of(
                "k8s.namespace.name", config.namespace(),
                "kubezap.session", config.session().orElse("local")));
    }
}
