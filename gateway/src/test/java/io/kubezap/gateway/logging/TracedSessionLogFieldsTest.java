package io.kubezap.gateway.logging;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static io.kubezap.gateway.logging.SessionLogFieldsTest.CALLER_SPAN;
import static io.kubezap.gateway.logging.SessionLogFieldsTest.TRACEPARENT;
import static io.kubezap.gateway.logging.SessionLogFieldsTest.TRACE_ID;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 53 item 15 with span export on (chart {@code tracing.otlpEndpoint}; here a collector that is not there): a
 * JSON line the gateway logs while serving a traced request names the session and the gateway's own span, in the
 * caller's trace, with the caller's span as its parent; a proxied call reaches the pod with the gateway's span as its
 * parent.
 */
@QuarkusTest
@TestProfile(TracedSessionLogFieldsTest.SdkOn.class)
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
class TracedSessionLogFieldsTest {

    private static final Path LOG = Path.of("target", "traced-session-log-fields-test.json.log");

    public static class SdkOn extends SessionLogFieldsTest.JsonLogFile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.log.file.path", LOG.toString());
            overrides.put("quarkus.otel.sdk.disabled", "false");
            overrides.put("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:9");
            return overrides;
        }
    }

    @Inject
    KubernetesClient client;

    @KubernetesTestServer
    KubernetesServer server;

    @Test
    void aLineLoggedWhileServingATracedRequestCarriesTheGatewaysSpanInTheCallersTrace() throws IOException {
        assertThat(new FailingSessionRead(client, server, LOG).warningMdcs("loja-09", TRACEPARENT))
                .as("the MDC of the warning in the JSON log %s", LOG).isNotEmpty().allSatisfy(mdc -> {
                    assertThat(mdc.path("session").asText()).isEqualTo("loja-09");
                    assertThat(mdc.path("traceId").asText()).isEqualTo(TRACE_ID);
                    assertThat(mdc.path("parentId").asText()).isEqualTo(CALLER_SPAN);
                    assertThat(mdc.path("spanId").asText()).as("the gateway's own span").matches("[0-9a-f]{16}")
                            .isNotEqualTo(CALLER_SPAN);
                });
    }

    @Test
    void aProxiedSendReachesThePodUnderTheGatewaysSpan() {
        Sessions sessions = new Sessions(client);
        sessions.actAsAdmin();
        sessions.applied("shop", "traced", Map.of());
        sessions.withApiKey("shop", "traced", SessionPodStandIn.POD_KEY);
        SessionPodStandIn.RECEIVED.clear();

        given().contentType(ContentType.JSON).header("traceparent", TRACEPARENT).body("{\"to\": \"5511999999999\", \"text\": \"hi\"}")
                .post("/api/v1/namespaces/shop/sessions/traced/messages").then().statusCode(202);

        assertThat(SessionPodStandIn.RECEIVED.getFirst().traceparent()).as("the caller's trace, the gateway's span as parent")
                .startsWith("00-" + TRACE_ID + "-").doesNotContain(CALLER_SPAN).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
    }
}
