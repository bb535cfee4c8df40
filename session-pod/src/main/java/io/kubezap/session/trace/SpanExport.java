package io.kubezap.session.trace;

import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the export of the pod's request spans when {@link TracingSettings} says so; with export off (the default)
 * nothing of OpenTelemetry's SDK is loaded: {@code trace.otlp} is reached only from here, only then
 * ({@code IdleFootprintIT}).
 */
@ApplicationScoped
public class SpanExport {

    private AutoCloseable started;

    void start(@Observes Router router, Vertx vertx) {
        TracingSettings settings = TracingSettings.of(ConfigProvider.getConfig());
        if (settings.exportOn()) {
            started = io.kubezap.session.trace.otlp.OtlpSpanExport.start(settings, vertx, router);
        }
    }

    /** Sends what is still batched before the pod exits. */
    void flush(@Observes ShutdownEvent shutdown) throws Exception {
        if (started != null) {
            started.close();
        }
    }
}
