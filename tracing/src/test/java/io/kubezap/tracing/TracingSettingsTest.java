package io.kubezap.tracing;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The variables users already set for Quarkus' OpenTelemetry extension keep their meaning without it. */
class TracingSettingsTest {

    private static TracingSettings of(Map<String, String> environment) {
        return TracingSettings.of(name -> Optional.ofNullable(environment.get(name)), "kubezap-gateway", Map.of("a", "b"));
    }

    @Test
    void offUnlessTheSdkIsExplicitlyEnabled() {
        assertThat(of(Map.of()).exportOn()).isFalse();
        assertThat(of(Map.of("quarkus.otel.sdk.disabled", "true")).exportOn()).isFalse();
        assertThat(of(Map.of("quarkus.otel.sdk.disabled", "no")).exportOn()).as("not a boolean false").isFalse();
    }

    /** What the chart's tracing.otlpEndpoint sets: gRPC to the collector, as Quarkus' default protocol. */
    @Test
    void theChartsTwoVariablesExportOverGrpcToTheCollector() {
        TracingSettings settings = of(Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.exporter.otlp.endpoint", "http://otel-collector.observability:4317"));

        assertThat(settings.exportOn()).isTrue();
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://otel-collector.observability:4317"));
        assertThat(settings.protocol()).isEqualTo(TracingSettings.GRPC);
        assertThat(settings.compression()).isEqualTo("none");
        assertThat(settings.serviceName()).isEqualTo("kubezap-gateway");
        assertThat(settings.attributes()).containsExactly(Map.entry("a", "b"));
    }

    @Test
    void theTracesOwnSettingsWinOverTheGeneralOnes() {
        TracingSettings settings = of(Map.of("quarkus.otel.sdk.disabled", "False",
                "quarkus.otel.exporter.otlp.endpoint", "http://general:4317",
                "quarkus.otel.exporter.otlp.traces.endpoint", "https://traces.example.com",
                "quarkus.otel.exporter.otlp.protocol", "grpc",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.headers", "api-key=secret, x-tenant = shop",
                "quarkus.otel.exporter.otlp.traces.compression", "gzip",
                "quarkus.otel.service.name", "gateway-eu"));

        assertThat(settings.endpoint()).isEqualTo(URI.create("https://traces.example.com"));
        assertThat(settings.protocol()).isEqualTo(TracingSettings.HTTP_PROTOBUF);
        assertThat(settings.headers()).containsOnly(Map.entry("api-key", "secret"), Map.entry("x-tenant", "shop"));
        assertThat(settings.compression()).isEqualTo("gzip");
        assertThat(settings.serviceName()).isEqualTo("gateway-eu");
    }

    @Test
    void withoutAnEndpointQuarkusDefaultIsKept() {
        assertThat(of(Map.of("quarkus.otel.sdk.disabled", "false")).endpoint()).isEqualTo(URI.create("http://localhost:4317"));
    }

    @Test
    void anUnknownProtocolIsRefusedByNameWhenExporting() {
        assertThatThrownBy(() -> of(Map.of("quarkus.otel.sdk.disabled", "false", "quarkus.otel.exporter.otlp.protocol", "http/json")))
                .hasMessageContaining("quarkus.otel.exporter.otlp.protocol").hasMessageContaining("http/json");
        assertThat(of(Map.of("quarkus.otel.exporter.otlp.protocol", "http/json")).exportOn()).as("not exporting: no matter").isFalse();
    }
}
