package io.kubezap.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A caller's body read whole on the event loop, so that the gateway judges what the pod will get ({@link ChatGuard}):
 * at most {@code limit} bytes are kept; past them the rest is read and dropped, and the handler gets null.
 */
final class JudgedBody {

    private JudgedBody() {
    }

    static void read(HttpServerRequest request, int limit, Handler<Buffer> whole) {
        Buffer body = Buffer.buffer();
        boolean[] tooLarge = {false};
        request.handler(chunk -> {
            if (!tooLarge[0] && body.length() + chunk.length() <= limit) {
                body.appendBuffer(chunk);
            } else {
                tooLarge[0] = true;
            }
        });
        request.exceptionHandler(failed -> request.connection().close());
        request.endHandler(ended -> whole.handle(tooLarge[0] ? null : body));
        request.resume();
    }
}
