package io.kubezap.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The alerts' and the dashboard's queries name series that exist: those kubezap's operator and gateway register with
 * Micrometer and the session pod with Prometheus' Java client (read from their sources, named as each one's Prometheus
 * exposition names them), or one of the few that Kubernetes' usual exporters provide. A metric renamed in the code fails
 * here, not silently in Grafana (the session pod's WebhookDeliveryTest scrapes its own from the running pod).
 */
class MonitoredSeriesTest {

    /** Series from elsewhere, each with where it comes from. */
    private static final Map<String, String> EXTERNAL = Map.ofEntries(
            Map.entry("kube_pod_container_status_waiting_reason", "kube-state-metrics"),
            Map.entry("kube_pod_status_unschedulable", "kube-state-metrics"),
            Map.entry("kube_pod_status_ready", "kube-state-metrics"),
            Map.entry("kube_pod_labels", "kube-state-metrics (labels from --metric-labels-allowlist)"),
            Map.entry("kube_pod_spec_volumes_persistentvolumeclaims_info", "kube-state-metrics"),
            Map.entry("kube_job_failed", "kube-state-metrics"),
            Map.entry("kube_job_labels", "kube-state-metrics (labels from --metric-labels-allowlist)"),
            Map.entry("kube_lease_renew_time", "kube-state-metrics (leases collector)"),
            Map.entry("kube_statefulset_status_replicas", "kube-state-metrics"),
            Map.entry("kube_statefulset_status_replicas_updated", "kube-state-metrics"),
            Map.entry("kube_statefulset_labels", "kube-state-metrics (labels from --metric-labels-allowlist)"),
            Map.entry("kubelet_volume_stats_available_bytes", "kubelet"),
            Map.entry("kubelet_volume_stats_capacity_bytes", "kubelet"),
            Map.entry("container_memory_working_set_bytes", "cAdvisor (kubelet)"),
            Map.entry("up", "Prometheus, one per scraped target"),
            Map.entry("pg_stat_activity_count", "postgres_exporter"),
            Map.entry("pg_settings_max_connections", "postgres_exporter"));

    private static final Pattern METER = Pattern.compile("(Gauge|FunctionCounter|Counter|Timer)\\.builder\\(\\s*(\"([a-z0-9.]+)\"|([A-Z_]+))");
    /** Prometheus' Java client 1.x (the session pod): {@code Counter.builder().name("kubezap_messages")}. */
    private static final Pattern PROMETHEUS_METRIC = Pattern.compile(
            "(CounterWithCallback|Counter|GaugeWithCallback|Gauge|Histogram|Summary)\\.builder\\(\\)\\s*\\.name\\(\"([a-z0-9_]+)\"");
    private static final Pattern CONSTANT = Pattern.compile("String ([A-Z_]+) = \"([a-z0-9.]+)\"");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "increase",
            "max_over_time", "min_over_time", "by", "without", "on", "ignoring", "group_left", "group_right", "and", "or",
            "unless", "label_values");

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void everySeriesTheAlertsAndTheDashboardQueryExists() throws IOException {
        Set<String> known = new TreeSet<>(EXTERNAL.keySet());
        for (String module : List.of("session-pod", "operator", "gateway")) {
            known.addAll(registeredSeries(Path.of("..", module, "src", "main", "java")));
        }
        List<String> queries = new ArrayList<>();
        new ObjectMapper(new YAMLFactory()).readTree(chart.file("files/prometheus-rules.yaml").toFile()).path("groups")
                .forEach(group -> group.path("rules").forEach(rule -> {
                    queries.add(rule.path("expr").asText());
                    if (rule.has("record")) {
                        known.add(rule.path("record").asText());
                    }
                }));
        JsonNode dashboard = new ObjectMapper().readTree(chart.file("files/grafana-dashboard.json").toFile());
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(target -> queries.add(target.path("expr").asText())));
        dashboard.path("templating").path("list").forEach(variable -> queries.add(variable.path("query").path("query").asText()));

        assertThat(known).as("series found in the sources").contains("kubezap_session_phase", "kubezap_sessions",
                "kubezap_session_reconnects_total", "kubezap_webhook_deliveries_pending",
                "kubezap_messages_total", "kubezap_webhook_attempt_duration_seconds_sum");
        assertThat(dashboard.path("panels")).allSatisfy(panel -> assertThat(panel.path("targets")).isNotEmpty());
        assertThat(queries).allSatisfy(query -> assertThat(known).as("series of %s", query).containsAll(seriesIn(query)));
    }

    @Test
    void theQueryParserFindsTheSeriesOfAQuery() {
        assertThat(seriesIn("sum by (namespace, session) (increase(kubezap_messages_total{direction=\"out\", status=~\"a|b\"}[15m]))"
                + " / on (namespace) group_left max(kubezap_outbound_queue_depth) unless absent_thing"))
                .containsExactlyInAnyOrder("kubezap_messages_total", "kubezap_outbound_queue_depth", "absent_thing");
        assertThat(seriesIn("label_values(kubezap_session_phase{namespace=~\"$namespace\"}, session)"))
                .containsExactly("kubezap_session_phase");
    }

    /** Metric names in a PromQL query: what is left once strings, matchers, ranges, groupings and functions are gone. */
    static Set<String> seriesIn(String query) {
        String bare = query.replaceAll("label_values\\(([^,{]+)(\\{[^}]*})?\\s*,[^)]*\\)", "$1")
                .replaceAll("\"[^\"]*\"", "").replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\b", " ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*").matcher(bare);
        while (identifier.find()) {
            String name = identifier.group();
            boolean function = bare.substring(identifier.end()).stripLeading().startsWith("(");
            if (!function && !PROMQL_WORDS.contains(name) && !name.matches("[0-9].*")) {
                names.add(name);
            }
        }
        names.removeIf(name -> name.matches("\\d+[smhd]"));
        return names;
    }

    /**
     * Micrometer's Prometheus names: dots to underscores; counters end in _total; timers in _seconds_count/sum/max. The
     * Java client's: as given; counters end in _total, histograms in _count/_sum/_bucket, summaries in _count/_sum.
     */
    private static Set<String> registeredSeries(Path sources) throws IOException {
        Set<String> series = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String text = read(file);
                Matcher meter = METER.matcher(text);
                while (meter.find()) {
                    String name = (meter.group(3) != null ? meter.group(3) : constant(text, meter.group(4))).replace('.', '_');
                    switch (meter.group(1)) {
                        case "Counter", "FunctionCounter" -> series.add(name + "_total");
                        case "Timer" -> Stream.of("count", "sum", "max", "bucket").forEach(s -> series.add(name + "_seconds_" + s));
                        default -> series.add(name);
                    }
                }
                Matcher metric = PROMETHEUS_METRIC.matcher(text);
                while (metric.find()) {
                    String name = metric.group(2);
                    switch (metric.group(1)) {
                        case "Counter", "CounterWithCallback" -> series.add(name.replaceFirst("_total$", "") + "_total");
                        case "Histogram" -> Stream.of("count", "sum", "bucket").forEach(s -> series.add(name + "_" + s));
                        case "Summary" -> Stream.of("count", "sum").forEach(s -> series.add(name + "_" + s));
                        default -> series.add(name);
                    }
                }
            });
        }
        return series;
    }

    private static String constant(String text, String name) {
        Matcher constant = CONSTANT.matcher(text);
        while (constant.find()) {
            if (constant.group(1).equals(name)) {
                return constant.group(2);
            }
        }
        throw new IllegalStateException("no constant " + name);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
