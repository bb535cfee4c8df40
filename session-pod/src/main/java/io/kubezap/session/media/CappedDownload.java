package io.kubezap.session.media;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * One GET whose answer's body goes into a file, on Vert.x' event loop: a redirect is handed back (its body
 * discarded), any status but 200 fails, and the body fails as soon as it passes {@code maxBytes} (declared or
 * counted), the connection then closed. The file is written at the pace the disk takes it (the answer is paused
 * meanwhile).
 */
final class CappedDownload {

    /** A file written to the end, or where the answer redirects to (then nothing was written). */
    record Outcome(String redirect) {
    }

    private final Vertx vertx;
    private final Path file;
    private final long maxBytes;
    private final CompletableFuture<Outcome> outcome;
    private long received;

    CappedDownload(Vertx vertx, Path file, long maxBytes, CompletableFuture<Outcome> outcome) {
        this.vertx = vertx;
        this.file = file;
        this.maxBytes = maxBytes;
        this.outcome = outcome;
    }

    void start(HttpClient http, RequestOptions request) {
        http.request(request)
                .compose(outgoing -> outgoing.send())
                .onSuccess(this::answered)
                .onFailure(outcome::completeExceptionally);
    }

    private void answered(HttpClientResponse response) {
        int status = response.statusCode();
        String location = response.getHeader("Location");
        if (status >= 300 && status < 400 && location != null) {
            response.request().reset();
            outcome.complete(new Outcome(location));
            return;
        }
        if (status != 200) {
            response.request().reset();
            outcome.completeExceptionally(new IOException("the URL answered HTTP " + status));
            return;
        }
        String declared = response.getHeader("Content-Length");
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBytes) {
            tooLarge(response);
            return;
        }
        response.pause();
        vertx.fileSystem().open(file.toString(), new OpenOptions().setWrite(true).setTruncateExisting(true))
                .onSuccess(out -> copy(response, out))
                .onFailure(failed -> {
                    response.request().reset();
                    outcome.completeExceptionally(failed);
                });
    }

    private void copy(HttpClientResponse response, AsyncFile out) {
        response.exceptionHandler(failed -> out.close().onComplete(closed -> outcome.completeExceptionally(failed)));
        response.handler(chunk -> write(response, out, chunk));
        response.endHandler(done -> out.close().onComplete(closed -> {
            if (closed.succeeded()) {
                outcome.complete(new Outcome(null));
            } else {
                outcome.completeExceptionally(closed.cause());
            }
        }));
        response.resume();
    }

    private void write(HttpClientResponse response, AsyncFile out, Buffer chunk) {
        received += chunk.length();
        if (received > maxBytes) {
            response.handler(null).endHandler(null).exceptionHandler(null);
            out.close();
            tooLarge(response);
            return;
        }
        out.write(chunk);
        if (out.writeQueueFull()) {
            response.pause();
            out.drainHandler(drained -> response.resume());
        }
    }

    private void tooLarge(HttpClientResponse response) {
        response.request().reset();
        outcome.completeExceptionally(new MediaTooLargeException(maxBytes));
    }
}
