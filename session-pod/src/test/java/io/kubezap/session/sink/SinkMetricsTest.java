package io.kubezap.session.sink;

import io.kubezap.contract.EventSinkFile;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The series the chart's alert on dead letters reads: it must be there at 0 before the first dead letter, since
 * Prometheus' increase() sees no increase in a series that appears already at 1.
 */
class SinkMetricsTest {

    @Test
    void anSqsSinksDeadLettersAreCountedFromZeroBeforeTheFirstOne() throws IOException {
        var registry = new PrometheusRegistry();
        var metrics = new SinkMetrics(registry);
        var sink = new BrokerSink("orders", EventSinkFile.Kind.SQS, "http://sqs:9324", "http://sqs:9324/000/orders.fifo",
                Set.of(), Optional.of("key"), Optional.of("secret"));

        metrics.noneDeadLettered(sink);
        assertThat(scrape(registry)).contains("kubezap_sink_events_dead_lettered_total{kind=\"SQS\",sink=\"orders\"} 0.0");

        metrics.deadLettered(sink);
        assertThat(scrape(registry)).contains("kubezap_sink_events_dead_lettered_total{kind=\"SQS\",sink=\"orders\"} 1.0");
    }

    private static String scrape(PrometheusRegistry registry) throws IOException {
        var out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, registry.scrape());
        return out.toString(StandardCharsets.UTF_8);
    }
}
