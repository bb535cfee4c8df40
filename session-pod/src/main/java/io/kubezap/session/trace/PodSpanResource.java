package io.kubezap.session.trace;

import io.kubezap.tracing.export.SpanResource;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;

/** The pod's spans name its namespace and session beside the pod's service ({@code tracing.export.SpanExport}). */
@Dependent
class PodSpanResource {

    @Produces
    @Singleton
    SpanResource resource() {
        Config config = ConfigProvider.getConfig();
        return new SpanResource("kubezap-session-pod", Map.of(
                "k8s.namespace.name", config.getOptionalValue("kubezap.namespace", String.class).orElse("default"),
                "kubezap.session", config.getOptionalValue("kubezap.session", String.class).orElse("local")));
    }
}
