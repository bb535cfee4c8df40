package io.kubezap.session.trace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.testing.OtlpReceiver;
import io.kubezap.session.testing.PodProcess;
import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 53 item 15, on the packaged pod with JSON console logs (the chart's default): a line logged while serving a
 * request names the session (top-level {@code namespace}, {@code session}) and the caller's trace (MDC {@code traceId}),
 * with OpenTelemetry's SDK off (the chart's default: the caller's span is the parent) and on (the pod's own span, the
 * caller's as parent). The line is the 503 warning of a pod whose database schema is not there yet.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TraceLogFieldsIT {

    private static final long JVM_PATIENCE_SECONDS = 180;
    private static final String KEY = "trace-log-key-0123456789";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";
    private static final String ANSWERED_503 = "Answered 503";

    @TempDir
    Path dataDir;

    private EmbeddedPostgres postgres;
    private PodProcess pod;
    private Path log;

    @BeforeEach
    void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterEach
    void stop() throws Exception {
        if (pod != null) {
            pod.close();
        }
        postgres.close();
    }

    @Test
    void withTheSdkOffALineCarriesTheCallersTraceAndTheSession() {
        start("trace-log-it-sdk-off", Map.of());

        JsonNode line = theLineOfARequestWith(TRACEPARENT);
        assertThat(line.path("namespace").asText()).isEqualTo("it");
        assertThat(line.path("session").asText()).isEqualTo("trace-log");
        JsonNode mdc = line.path("mdc");
        assertThat(mdc.path("traceId").asText()).isEqualTo(TRACE_ID);
        assertThat(mdc.path("parentId").asText()).as("the caller's span").isEqualTo(CALLER_SPAN);
        assertThat(mdc.path("sampled").asText()).isEqualTo("true");
        assertThat(mdc.has("spanId")).as("the pod has no span of its own: %s", mdc).isFalse();

        JsonNode malformed = theLineOfARequestWith("00-" + TRACE_ID.toUpperCase() + "-" + CALLER_SPAN + "-01\"}");
        assertThat(malformed.path("mdc").has("traceId")).as("a malformed traceparent names no trace: %s", malformed).isFalse();
        assertThat(theLineOfARequestWith(null).path("mdc").has("traceId")).as("no traceparent, no trace; none left over")
                .isFalse();
    }

    /** As the chart's {@code tracing.otlpEndpoint} sets it: OTLP over gRPC to the collector, here a stand-in. */
    @Test
    void withTheSdkOnALineCarriesThePodsSpanInTheCallersTraceAndTheSpanIsExported() {
        try (OtlpReceiver collector = new OtlpReceiver()) {
            start("trace-log-it-sdk-on", Map.of("QUARKUS_OTEL_SDK_DISABLED", "false",
                    "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.port()));

            JsonNode line = theLineOfARequestWith(TRACEPARENT);
            assertThat(line.path("session").asText()).isEqualTo("trace-log");
            JsonNode mdc = line.path("mdc");
            assertThat(mdc.path("traceId").asText()).isEqualTo(TRACE_ID);
            assertThat(mdc.path("parentId").asText()).isEqualTo(CALLER_SPAN);
            String podSpan = mdc.path("spanId").asText();
            assertThat(podSpan).as("the pod's own span").matches("[0-9a-f]{16}").isNotEqualTo(CALLER_SPAN);

            OtlpReceiver.Export export = await().atMost(Duration.ofSeconds(30)).until(() -> collector.exports().stream()
                    .filter(sent -> sent.carriesId(podSpan)).findFirst(), Optional::isPresent).orElseThrow();
            assertThat(export.path()).as("OTLP/gRPC").isEqualTo(OtlpReceiver.GRPC_PATH);
            assertThat(export.carriesId(TRACE_ID)).as("in the caller's trace").isTrue();
            assertThat(export.carriesId(CALLER_SPAN)).as("a child of the caller's span").isTrue();
            assertThat(export.carriesText("GET /api/v1/sessions/{session}/messages")).as("named by its route").isTrue();
            assertThat(export.carriesText("kubezap-session-pod")).as("the pod's service name").isTrue();
        }
    }

    private void start(String logName, Map<String, String> extraEnvironment) {
        log = Path.of("target", logName + ".log");
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> env = new HashMap<>(PodProcess.environment("trace-log", "it", KEY, dataDir.resolve("keys"), postgres));
        env.remove("KUBEZAP_SCHEMA_MIGRATE_AT_START"); // the schema stays missing: every read answers 503 and says so
        env.put("QUARKUS_LOG_CONSOLE_JSON", "true");
        // no WhatsApp here: the engine would only retry a closed port
        env.put("JAVA_TOOL_OPTIONS", "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + PodProcess.freePort()
                + " -Dhttp.nonProxyHosts=127.0.0.1|localhost");
        env.putAll(extraEnvironment);
        pod = PodProcess.start(List.of(), env, logName);
        await().atMost(Duration.ofSeconds(JVM_PATIENCE_SECONDS)).ignoreExceptions().until(() ->
                RestAssured.get(pod.managementUrl() + "/q/health/ready").then().extract().statusCode() == 503);
    }

    /** The 503 warning the pod logged while serving one read of its messages, sent with this traceparent (or none). */
    private JsonNode theLineOfARequestWith(String traceparent) {
        long before = jsonLines().size();
        var request = RestAssured.given().header("X-Api-Key", KEY);
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        request.get(pod.baseUrl() + "/api/v1/sessions/trace-log/messages").then().statusCode(503);
        return await().atMost(Duration.ofSeconds(10)).until(() -> jsonLines().stream().skip(before)
                        .filter(line -> line.path("message").asText().contains(ANSWERED_503)).toList(),
                lines -> lines.size() == 1).getFirst();
    }

    private List<JsonNode> jsonLines() {
        ObjectMapper json = new ObjectMapper();
        try {
            return Files.readAllLines(log).stream().filter(line -> line.startsWith("{")).map(line -> {
                try {
                    return json.readTree(line);
                } catch (IOException notJson) {
                    throw new IllegalStateException(line, notJson);
                }
            }).toList();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
