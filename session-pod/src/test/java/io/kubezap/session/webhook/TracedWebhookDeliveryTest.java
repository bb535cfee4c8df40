package io.kubezap.session.webhook;

import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.OtlpReceiver;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With span export on (the variables the chart's {@code tracing.otlpEndpoint} sets; here http/protobuf to a stand-in
 * collector), a send's webhook request continues the caller's trace under the pod's own server span: the same trace
 * id, the pod's span as parent; and that span reaches the collector, a child of the caller's.
 */
@QuarkusTest
@TestProfile(TracedWebhookDeliveryTest.SdkOn.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class TracedWebhookDeliveryTest {

    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final int COLLECTOR_PORT = io.kubezap.session.testing.PodProcess.freePort();
    private static WebhookReceiver receiver;
    private static OtlpReceiver collector;

    @Inject
    SimulatedWhatsApp whatsapp;

    public static class SdkOn extends WebhookTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("quarkus.otel.sdk.disabled", "false");
            overrides.put("quarkus.otel.exporter.otlp.traces.endpoint", "http://127.0.0.1:" + COLLECTOR_PORT);
            overrides.put("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf");
            return overrides;
        }
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver(WebhookTestProfile.receiverPort());
        collector = new OtlpReceiver(COLLECTOR_PORT);
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
        collector.close();
    }

    @Test
    void theSentMessagesDeliveryCarriesTheCallersTraceUnderThePodsSpan() {
        whatsapp.resetToConnected();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String text = "rastreio " + UUID.randomUUID();
        authorized().header("traceparent", "00-" + traceId + "-" + CALLER_SPAN + "-01").contentType("application/json")
                .body(Map.of("to", "5511988887777@s.whatsapp.net", "text", text)).post(SESSION + "/messages").then().statusCode(202);

        String traceparent = await().atMost(Duration.ofSeconds(30)).until(() -> receiver.at("/all").stream()
                .filter(r -> "message.sent".equals(r.header("X-Kubezap-Event")) && r.body().contains(text))
                .findFirst(), Optional::isPresent).orElseThrow().header("traceparent");
        assertThat(traceparent).startsWith("00-" + traceId + "-").doesNotContain(CALLER_SPAN);

        String podSpan = traceparent.substring(36, 52);
        OtlpReceiver.Export export = await().atMost(Duration.ofSeconds(30)).until(() -> collector.exports().stream()
                .filter(sent -> sent.carriesId(podSpan)).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(export.path()).isEqualTo(OtlpReceiver.HTTP_PATH);
        assertThat(export.contentType()).isEqualTo("application/x-protobuf");
        assertThat(export.carriesId(traceId)).as("the pod's span is in the caller's trace").isTrue();
        assertThat(export.carriesId(CALLER_SPAN)).as("a child of the caller's span").isTrue();
        assertThat(export.carriesText("kubezap-session-pod")).as("the pod's service name").isTrue();
    }
}
