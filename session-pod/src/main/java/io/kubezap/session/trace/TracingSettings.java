package io.kubezap.session.trace;

import org.eclipse.microprofile.config.Config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the pod exports its request spans, and where: the variables the chart's {@code tracing.otlpEndpoint} sets
 * ({@code QUARKUS_OTEL_SDK_DISABLED=false}, {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT}) and the other Quarkus
 * OpenTelemetry names a manifest may carry, read by their names as before. The pod no longer has Quarkus' extension
 * (it built the SDK even when off, docs/benchmarks.md): these are read here, and only export on loads the SDK
 * ({@code trace.otlp}).
 *
 * @param endpoint the collector's base URL (gRPC) or traces URL (http/protobuf), as Quarkus took it
 * @param protocol {@code grpc} (the default) or {@code http/protobuf}
 * @param headers sent with every export (a vendor's key), from {@code key=value,key=value}
 * @param compression {@code none} (the default) or {@code gzip}
 * @param serviceName the resource's {@code service.name}
 * @param attributes the resource's other attributes ({@code k8s.namespace.name}, {@code kubezap.session})
 */
public record TracingSettings(boolean exportOn, URI endpoint, String protocol, Map<String, String> headers,
                              String compression, String serviceName, Map<String, String> attributes) {

    public static final String GRPC = "grpc";
    public static final String HTTP_PROTOBUF = "http/protobuf";
    static final String DISABLED = "quarkus.otel.sdk.disabled";
    static final String DEFAULT_ENDPOINT = "http://localhost:4317";
    private static final String OTLP = "quarkus.otel.exporter.otlp.";
    private static final String TRACES = OTLP + "traces.";

    public TracingSettings {
        headers = Map.copyOf(headers);
        attributes = Map.copyOf(attributes);
    }

    /** From the pod's configuration (environment first): off unless {@code quarkus.otel.sdk.disabled} is false. */
    public static TracingSettings of(Config config) {
        boolean on = !config.getOptionalValue(DISABLED, Boolean.class).orElse(true);
        String endpoint = tracesOrAll(config, "endpoint").orElse(DEFAULT_ENDPOINT);
        String protocol = tracesOrAll(config, "protocol").orElse(GRPC);
        if (!protocol.equals(GRPC) && !protocol.equals(HTTP_PROTOBUF)) {
            throw new IllegalArgumentException(OTLP + "protocol: " + protocol + " is neither " + GRPC + " nor " + HTTP_PROTOBUF);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("k8s.namespace.name", config.getOptionalValue("kubezap.namespace", String.class).orElse("default"));
        attributes.put("kubezap.session", config.getOptionalValue("kubezap.session", String.class).orElse("local"));
        return new TracingSettings(on, URI.create(endpoint.strip()), protocol,
                pairs(tracesOrAll(config, "headers").orElse("")), tracesOrAll(config, "compression").orElse("none"),
                config.getOptionalValue("quarkus.otel.service.name", String.class).orElse("kubezap-session-pod"), attributes);
    }

    private static Optional<String> tracesOrAll(Config config, String name) {
        return config.getOptionalValue(TRACES + name, String.class).or(() -> config.getOptionalValue(OTLP + name, String.class))
                .filter(value -> !value.isBlank());
    }

    private static Map<String, String> pairs(String list) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : list.split(",")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                pairs.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
        }
        return pairs;
    }
}
