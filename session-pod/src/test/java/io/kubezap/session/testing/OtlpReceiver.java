package io.kubezap.session.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for an OpenTelemetry collector on loopback: takes OTLP trace exports over gRPC (HTTP/2 cleartext, as a
 * collector's port 4317 does) and http/protobuf ({@code POST /v1/traces}), answers each as accepted, and keeps their
 * bodies. It does not decode them: a span's trace and span ids are in an export as their raw bytes, its name and the
 * resource's attributes as UTF-8 text, which is what the tests look for.
 */
public final class OtlpReceiver implements AutoCloseable {

    public static final String GRPC_PATH = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
    public static final String HTTP_PATH = "/v1/traces";

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Export> exports = new CopyOnWriteArrayList<>();

    /** One export request as it came: its path, content type and body. */
    public record Export(String path, String contentType, byte[] body) {

        /** Whether the export holds this id (a trace's 32 hex digits, a span's 16) as a span's or parent's id. */
        public boolean carriesId(String hex) {
            return contains(HexFormat.of().parseHex(hex));
        }

        public boolean carriesText(String text) {
            return contains(text.getBytes(StandardCharsets.UTF_8));
        }

        private boolean contains(byte[] wanted) {
            for (int at = 0; at + wanted.length <= body.length; at++) {
                if (Arrays.equals(body, at, at + wanted.length, wanted, 0, wanted.length)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** On a free port. */
    public OtlpReceiver() {
        this(0);
    }

    public OtlpReceiver(int port) {
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setHttp2ClearTextEnabled(true))
                    .requestHandler(this::take).listen(port).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception notListening) {
            throw new IllegalStateException("the OTLP receiver does not listen", notListening);
        }
    }

    public int port() {
        return server.actualPort();
    }

    public List<Export> exports() {
        return List.copyOf(exports);
    }

    private void take(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            exports.add(new Export(request.path(), request.getHeader("content-type"), body.getBytes()));
            if (GRPC_PATH.equals(request.path())) {
                // an empty ExportTraceServiceResponse, uncompressed, then the call's status
                request.response().putHeader("content-type", "application/grpc").putTrailer("grpc-status", "0")
                        .end(Buffer.buffer(new byte[5]));
            } else if (HTTP_PATH.equals(request.path())) {
                request.response().putHeader("content-type", "application/x-protobuf").end();
            } else {
                request.response().setStatusCode(404).end();
            }
        });
    }

    @Override
    public void close() {
        vertx.close();
    }
}
