package io.kubezap.tracing;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether the session pod or the gateway exports its request spans, and where: the variables the chart's
 * {@code tracing.otlpEndpoint} sets ({@code QUARKUS_OTEL_SDK_DISABLED=false}, {@code QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT})
 * and the other Quarkus OpenTelemetry names a manifest may carry, read by their names as before. Neither has Quarkus'
 * extension any more (it built the SDK even when off, docs/decisions/0007-span-export-built-by-hand.md): these are
 * read here, and only export on
 * loads the SDK ({@code export.SpanExport}, package {@code otlp}).
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

    /**
     * From the component's configuration ({@code setting}: a property's value by its name, e.g. MicroProfile Config's,
     * environment first): off unless {@code quarkus.otel.sdk.disabled} is false. {@code serviceName} unless
     * {@code quarkus.otel.service.name} names another; {@code attributes} for the resource.
     */
    public static TracingSettings of(Function<String, Optional<String>> setting, String serviceName, Map<String, String> attributes) {
        boolean on = setting.apply(DISABLED).map(String::strip).filter("false"::equalsIgnoreCase).isPresent();
        String endpoint = tracesOrAll(setting, "endpoint").orElse(DEFAULT_ENDPOINT);
        String protocol = tracesOrAll(setting, "protocol").orElse(GRPC);
        if (on && !protocol.equals(GRPC) && !protocol.equals(HTTP_PROTOBUF)) {
            throw new IllegalArgumentException(OTLP + "protocol: " + protocol + " is neither " + GRPC + " nor " + HTTP_PROTOBUF);
        }
        return new TracingSettings(on, URI.create(endpoint.strip()), protocol,
                pairs(tracesOrAll(setting, "headers").orElse("")), tracesOrAll(setting, "compression").orElse("none"),
                setting.apply("quarkus.otel.service.name").filter(name -> !name.isBlank()).orElse(serviceName), attributes);
    }

    private static Optional<String> tracesOrAll(Function<String, Optional<String>> setting, String name) {
        return setting.apply(TRACES + name).filter(value -> !value.isBlank()).or(() -> setting.apply(OTLP + name))
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
