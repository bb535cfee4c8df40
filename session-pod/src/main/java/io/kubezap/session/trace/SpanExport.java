package io.kubezap.session.trace;

import io.kubezap.contract.tracing.TracingSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;

/**
 * Exports the pod's request spans when {@link TracingSettings} says so; with export off (the default) nothing of
 * OpenTelemetry's SDK is loaded ({@code IdleFootprintIT}).
 */
@ApplicationScoped
public class SpanExport {

    private AutoCloseable started = () -> {
    };

    void start(@Observes Router router, Vertx vertx) {
        Config config = ConfigProvider.getConfig();
        started = TracingSettings.of(name -> config.getOptionalValue(name, String.class), "kubezap-session-pod", Map.of(
                "k8s.namespace.name", config.getOptionalValue("kubezap.namespace", String.class).orElse("default"),
                "kubezap.session", config.getOptionalValue("kubezap.session", String.class).orElse("local"))).startExport(vertx, router);
    }

    /** Sends what is still batched before the pod exits. */
    void flush(@Observes ShutdownEvent shutdown) throws Exception {
        started.close();
    }
}
