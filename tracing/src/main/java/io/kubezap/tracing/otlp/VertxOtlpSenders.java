package io.kubezap.tracing.otlp;

import io.opentelemetry.common.ComponentLoader;
import io.opentelemetry.exporter.internal.compression.Compressor;
import io.opentelemetry.exporter.internal.grpc.GrpcResponse;
import io.opentelemetry.exporter.internal.grpc.GrpcSender;
import io.opentelemetry.exporter.internal.grpc.GrpcSenderConfig;
import io.opentelemetry.exporter.internal.grpc.GrpcSenderProvider;
import io.opentelemetry.exporter.internal.http.HttpSender;
import io.opentelemetry.exporter.internal.http.HttpSenderConfig;
import io.opentelemetry.exporter.internal.http.HttpSenderProvider;
import io.opentelemetry.exporter.internal.marshal.Marshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sends the OTLP exporter's requests with the pod's Vert.x (its event loop; no thread, no HTTP library of its own):
 * OpenTelemetry's exporters find their sender through a {@link ComponentLoader}, and the ones it ships need OkHttp and
 * Kotlin (gRPC) or the JDK's client and its threads (http/protobuf). gRPC is one unary call over HTTP/2 — cleartext
 * with prior knowledge for {@code http://}, ALPN for {@code https://} — whose answer is the {@code grpc-status}
 * trailer. A failed export is not retried: the batch span processor sends the next batch.
 */
final class VertxOtlpSenders implements ComponentLoader {

    static final String HTTP_TRACES_PATH = "/v1/traces";
    private static final int GRPC_UNKNOWN = 2;

    private final Vertx vertx;

    VertxOtlpSenders(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public <T> Iterable<T> load(Class<T> service) {
        if (service == GrpcSenderProvider.class) {
            return List.of(service.cast(new GrpcSenderProvider() {
                @Override
                public <M extends Marshaler> GrpcSender<M> createSender(GrpcSenderConfig<M> config) {
                    return new Grpc<>(vertx, config);
                }
            }));
        }
        if (service == HttpSenderProvider.class) {
            return List.of(service.cast((HttpSenderProvider) config -> new Http(vertx, config)));
        }
        return List.of();
    }

    /** A client for one collector: HTTP/2 for gRPC, HTTP/1.1 for http/protobuf; TLS for https. */
    private static HttpClient client(Vertx vertx, URI endpoint, boolean http2, long connectTimeoutNanos) {
        boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
        var options = new HttpClientOptions().setSsl(tls)
                .setConnectTimeout((int) TimeUnit.NANOSECONDS.toMillis(connectTimeoutNanos))
                .setTracingPolicy(io.vertx.core.tracing.TracingPolicy.IGNORE);
        if (http2) {
            options.setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(tls).setHttp2ClearTextUpgrade(false);
        }
        return vertx.createHttpClient(options);
    }

    private static RequestOptions post(String url, long timeoutNanos, Supplier<Map<String, List<String>>> headers) {
        MultiMap all = MultiMap.caseInsensitiveMultiMap();
        if (headers != null) {
            headers.get().forEach(all::add);
        }
        return new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url).setHeaders(all)
                .setIdleTimeout(TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
    }

    private static Buffer serialized(Marshaler message, Compressor compressor) throws IOException {
        var bytes = new ByteArrayOutputStream(message.getBinarySerializedSize());
        try (OutputStream out = compressor == null ? nonClosing(bytes) : compressor.compress(nonClosing(bytes))) {
            message.writeBinaryTo(out);
        }
        return Buffer.buffer(bytes.toByteArray());
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static final class Grpc<M extends Marshaler> implements GrpcSender<M> {

        private final HttpClient client;
        private final GrpcSenderConfig<M> config;
        private final String url;

        Grpc(Vertx vertx, GrpcSenderConfig<M> config) {
            this.config = config;
            this.client = client(vertx, config.getEndpoint(), true, config.getConnectTimeoutNanos());
            this.url = config.getEndpoint().toString().replaceAll("/$", "") + config.getEndpointPath();
        }

        @Override
        public void send(M request, Consumer<GrpcResponse> onResponse, Consumer<Throwable> onError) {
            Buffer frame;
            try {
                Buffer message = serialized(request, config.getCompressor());
                frame = Buffer.buffer(5 + message.length()).appendByte((byte) (config.getCompressor() == null ? 0 : 1))
                        .appendInt(message.length()).appendBuffer(message);
            } catch (IOException | RuntimeException unwritable) {
                onError.accept(unwritable);
                return;
            }
            RequestOptions options = post(url, config.getTimeoutNanos(), config.getHeadersSupplier())
                    .putHeader("content-type", "application/grpc").putHeader("te", "trailers");
            if (config.getCompressor() != null) {
                options.putHeader("grpc-encoding", config.getCompressor().getEncoding());
            }
            client.request(options).compose(call -> call.send(frame))
                    .compose(response -> response.body().map(ignored -> status(response)))
                    .onSuccess(onResponse::accept).onFailure(onError::accept);
        }

        /** From the trailers, or from the headers of a trailers-only answer (an error before any message). */
        private static GrpcResponse status(HttpClientResponse response) {
            String status = response.trailers().get("grpc-status");
            String message = response.trailers().get("grpc-message");
            if (status == null) {
                status = response.getHeader("grpc-status");
                message = response.getHeader("grpc-message");
            }
            if (status == null) {
                return GrpcResponse.create(GRPC_UNKNOWN, "HTTP " + response.statusCode() + " without grpc-status");
            }
            return GrpcResponse.create(Integer.parseInt(status.strip()), message);
        }

        @Override
        public CompletableResultCode shutdown() {
            return closed(client.close());
        }
    }

    private static final class Http implements HttpSender {

        private final HttpClient client;
        private final HttpSenderConfig config;

        Http(Vertx vertx, HttpSenderConfig config) {
            this.config = config;
            this.client = client(vertx, URI.create(config.getEndpoint()), false, config.getConnectTimeoutNanos());
        }

        @Override
        public void send(Marshaler request, int contentLength, Consumer<Response> onResponse, Consumer<Throwable> onError) {
            Buffer body;
            try {
                body = serialized(request, config.getCompressor());
            } catch (IOException | RuntimeException unwritable) {
                onError.accept(unwritable);
                return;
            }
            RequestOptions options = post(config.getEndpoint(), config.getTimeoutNanos(), config.getHeadersSupplier())
                    .putHeader("content-type", config.getContentType());
            if (config.getCompressor() != null) {
                options.putHeader("content-encoding", config.getCompressor().getEncoding());
            }
            client.request(options).compose(call -> call.send(body))
                    .compose(response -> response.body().map(answer -> (Response) new Answer(response.statusCode(),
                            response.statusMessage(), answer.getBytes())))
                    .onSuccess(onResponse::accept).onFailure(onError::accept);
        }

        @Override
        public CompletableResultCode shutdown() {
            return closed(client.close());
        }
    }

    private record Answer(int statusCode, String statusMessage, byte[] responseBody) implements HttpSender.Response {
    }

    private static CompletableResultCode closed(Future<Void> closing) {
        var result = new CompletableResultCode();
        closing.onComplete(done -> {
            if (done.succeeded()) {
                result.succeed();
            } else {
                result.fail();
            }
        });
        return result;
    }
}
