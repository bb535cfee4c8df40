package io.kubezap.gateway.logging;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A line the gateway logs while serving one session's path, in JSON, names the session: fields {@code namespace} and
 * {@code session} of its MDC; and the caller's trace when the request came with a W3C {@code traceparent}. The JSON
 * goes to a file here (the console's JSON formatter is the same, switched by {@code QUARKUS_LOG_CONSOLE_JSON}); the
 * line is the warning about the Kubernetes API failing on that session.
 */
@QuarkusTest
@TestProfile(SessionLogFieldsTest.JsonLogFile.class)
@WithKubernetesTestServer
class SessionLogFieldsTest {

    static final Path LOG = Path.of("target", "session-log-fields-test.json.log");
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CALLER_SPAN = "00f067aa0ba902b7";
    static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";

    public static class JsonLogFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
                    "quarkus.log.file.json.enabled", "true",
                    // one answer of the API server, no retries: the test's 500 is logged once, at once
                    "quarkus.kubernetes-client.request-retry-backoff-limit", "0");
        }
    }

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void aLineLoggedWhileServingOneSessionCarriesItsNamespaceAndName() throws IOException {
        assertThat(new FailingSessionRead(client, server, LOG).warningMdcs("loja-07", null))
                .as("the MDC of the warning in the JSON log %s", LOG).isNotEmpty().allSatisfy(mdc -> {
                    assertThat(mdc.path("namespace").asText()).isEqualTo("shop");
                    assertThat(mdc.path("session").asText()).isEqualTo("loja-07");
                    assertThat(mdc.has("traceId")).as("no traceparent, no trace").isFalse();
                });
    }

    /** Issue 53 item 15, with OpenTelemetry's SDK off (the chart's default): the caller's trace, its span as the parent. */
    @Test
    void aLineLoggedWhileServingATracedRequestCarriesTheCallersTrace() throws IOException {
        assertThat(new FailingSessionRead(client, server, LOG).warningMdcs("loja-08", TRACEPARENT))
                .as("the MDC of the warning in the JSON log %s", LOG).isNotEmpty().allSatisfy(mdc -> {
                    assertThat(mdc.path("session").asText()).isEqualTo("loja-08");
                    assertThat(mdc.path("traceId").asText()).isEqualTo(TRACE_ID);
                    assertThat(mdc.path("parentId").asText()).isEqualTo(CALLER_SPAN);
                    assertThat(mdc.has("spanId")).as("no span of the gateway's own").isFalse();
                });
    }
}
