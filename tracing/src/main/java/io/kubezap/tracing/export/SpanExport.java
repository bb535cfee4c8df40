package io.kubezap.tracing.export;

import io.kubezap.tracing.TracingSettings;
import io.kubezap.tracing.otlp.OtlpSpanExport;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.util.Map;

/**
 * Exports the component's request spans when {@link TracingSettings} says so (chart {@code tracing.otlpEndpoint}): the
 * session pod's and the gateway's alike. With export off (the default) nothing of OpenTelemetry's SDK is loaded
 * ({@code IdleFootprintIT}): only then is package {@code otlp} reached. The resource is the component's
 * {@code quarkus.application.name}, unless the component declares a {@link SpanResource} of its own.
 */
@ApplicationScoped
public class SpanExport {

    private AutoCloseable started = () -> {
    };

    void start(@Observes Router router, Vertx vertx, Instance<SpanResource> declared) {
        Config config = ConfigProvider.getConfig();
        SpanResource resource = declared.isResolvable() ? declared.get()
                : new SpanResource(config.getValue("quarkus.application.name", String.class), Map.of());
        TracingSettings settings = TracingSettings.of(name -> config.getOptionalValue(name, String.class),
                resource.serviceName(), resource.attributes());
        if (settings.exportOn()) {
            started = OtlpSpanExport.start(settings, vertx, router);
        }
    }

    /** Sends what is still batched before the component exits. */
    void flush(@Observes ShutdownEvent shutdown) throws Exception {
        started.close();
    }
}
