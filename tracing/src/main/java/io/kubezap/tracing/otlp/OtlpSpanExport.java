package io.kubezap.tracing.otlp;

import io.kubezap.tracing.TracingSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry's SDK, built by hand (Quarkus' extension built it even with its SDK off): a tracer provider whose
 * spans a batch span processor hands to the OTLP exporter, over gRPC or http/protobuf as configured, sent by Vert.x
 * ({@link VertxOtlpSenders}); and the route that gives every API request its server span ({@link ServerSpans}).
 */
public final class OtlpSpanExport implements AutoCloseable {

    private static final String INSTRUMENTATION = "io.kubezap.session";
    private static final long FLUSH_SECONDS = 10;

    private final SdkTracerProvider provider;

    private OtlpSpanExport(SdkTracerProvider provider) {
        this.provider = provider;
    }

    public static OtlpSpanExport start(TracingSettings settings, Vertx vertx, Router router) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(attributes(settings))))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter(settings, vertx)).build())
                .build();
        router.route().order(ServerSpans.ORDER).handler(new ServerSpans(provider.get(INSTRUMENTATION)));
        return new OtlpSpanExport(provider);
    }

    @Override
    public void close() {
        provider.shutdown().join(FLUSH_SECONDS, TimeUnit.SECONDS);
    }

    private static Attributes attributes(TracingSettings settings) {
        AttributesBuilder attributes = Attributes.builder().put("service.name", settings.serviceName());
        settings.attributes().forEach(attributes::put);
        return attributes.build();
    }

    private static SpanExporter exporter(TracingSettings settings, Vertx vertx) {
        String endpoint = settings.endpoint().toString();
        if (settings.protocol().equals(TracingSettings.HTTP_PROTOBUF)) {
            var http = OtlpHttpSpanExporter.builder().setComponentLoader(new VertxOtlpSenders(vertx))
                    .setEndpoint(endpoint.endsWith(VertxOtlpSenders.HTTP_TRACES_PATH) ? endpoint
                            : endpoint.replaceAll("/$", "") + VertxOtlpSenders.HTTP_TRACES_PATH);
            settings.headers().forEach(http::addHeader);
            http.setCompression(settings.compression());
            return http.build();
        }
        var grpc = OtlpGrpcSpanExporter.builder().setComponentLoader(new VertxOtlpSenders(vertx)).setEndpoint(endpoint);
        settings.headers().forEach(grpc::addHeader);
        grpc.setCompression(settings.compression());
        return grpc.build();
    }
}
