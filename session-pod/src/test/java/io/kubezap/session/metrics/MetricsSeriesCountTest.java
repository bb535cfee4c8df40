package io.kubezap.session.metrics;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How many series one session pod's /q/metrics holds, and how many of them the chart's PodMonitor keeps
 * (monitoring.podMonitor.keepSeries): multiplied by 1,000 sessions, the figure a Prometheus has to hold
 * (session-pod/README.md, "Metrics"). The pod exposes its kubezap_* series only (no JVM, HTTP or connection-pool series
 * since Micrometer left it: docs/decisions/0003-pod-metrics-on-the-prometheus-client.md), all of which are kept;
 * they grow only with message statuses and
 * webhook endpoints, bounded here with some room.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class MetricsSeriesCountTest {

    static final int KEPT_AT_MOST = 60;

    @Test
    void thePodMonitorKeepsEverySeriesAPodExposesAndThereAreAFewDozen() throws IOException {
        List<String> series = RestAssured.get(TestHTTPResourceManager.getManagementUri() + "/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
        Pattern keep = Pattern.compile(keepSeries());

        List<String> kept = series.stream().filter(line -> keep.matcher(line.split("[{ ]", 2)[0]).matches()).toList();

        System.out.printf("session pod: %d series exposed, %d kept by the PodMonitor: %s%n", series.size(), kept.size(),
                kept.stream().map(line -> line.split("[{ ]", 2)[0]).collect(java.util.stream.Collectors.groupingBy(
                        name -> name, java.util.TreeMap::new, java.util.stream.Collectors.counting())));
        assertThat(kept).as("series kept").isEqualTo(series).hasSizeLessThanOrEqualTo(KEPT_AT_MOST)
                .anyMatch(line -> line.startsWith("kubezap_session_phase{"))
                .anyMatch(line -> line.startsWith("kubezap_webhook_deliveries_pending"))
                .anyMatch(line -> line.startsWith("kubezap_session_reconnects_total"))
                .noneMatch(line -> line.startsWith("http_server_requests_seconds_bucket") || line.startsWith("jvm_"));
    }

    /** The chart's regular expression, as in helm/kubezap/values.yaml. */
    private static String keepSeries() throws IOException {
        Matcher value = Pattern.compile("keepSeries: \"([^\"]+)\"")
                .matcher(Files.readString(Path.of("..", "helm", "kubezap", "values.yaml")));
        assertThat(value.find()).as("monitoring.podMonitor.keepSeries in the chart's values").isTrue();
        return value.group(1);
    }
}
