package io.kubezap.session.metrics;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * {@code GET /q/metrics} on the management port (9000, where the chart's PodMonitor scrapes): the registry in the text
 * format the scraper asks for by its {@code Accept} header (Prometheus' text format 0.0.4 by default, OpenMetrics when
 * asked). A scrape runs off the event loop: two gauges read the database.
 */
@Singleton
public class MetricsEndpoint {

    public static final String PATH = "/q/metrics";

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    /** The session's own series are registered before the first scrape (the bean registers them when it is made). */
    public MetricsEndpoint(PrometheusRegistry registry, SessionMetrics registersTheSessionsSeries) {
        this.registry = registry;
    }

    void serve(@Observes ManagementInterface management) {
        management.router().get(PATH).blockingHandler(this::scrape, false);
    }

    private void scrape(RoutingContext context) {
        ExpositionFormatWriter writer = formats.findWriter(context.request().getHeader(HttpHeaders.ACCEPT));
        var text = new ByteArrayOutputStream(8192);
        try {
            writer.write(text, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        context.response().putHeader(HttpHeaders.CONTENT_TYPE, writer.getContentType()).end(Buffer.buffer(text.toByteArray()));
    }
}
