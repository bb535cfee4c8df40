package io.kubezap.session.egress;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.tracing.TracingPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One request to a URL a tenant wrote (the AI responder's endpoint, Chatwoot), waited for by the calling thread: the
 * host is checked by the {@link EgressRule} and the connection goes to the address it checked ({@link CheckedAddress}),
 * never to the name again, so a name that answers DNS differently afterwards (rebinding) reaches nothing the rule
 * refused; {@code Host} and TLS still use the URL's host. No proxy, no redirects; the answer is read whole, up to a
 * limit.
 */
public final class CheckedHttp implements AutoCloseable {

    /** A whole answer. */
    public record Answer(int status, MultiMap headers, byte[] body) {
    }

    /** The egress rule refused the URL's host: nothing was sent. */
    public static final class Refused extends Exception {
        Refused(String refusal) {
            super(refusal);
        }
    }

    private final EgressRule egress;
    private final Context context;
    private final HttpClient http;
    private final int maxBody;

    /** {@code maxBody}: the most bytes of an answer read; a longer one fails. */
    public CheckedHttp(Vertx vertx, EgressRule egress, int maxBody) {
        this.egress = egress;
        this.maxBody = maxBody;
        // one context of its own: a request started from a plain thread would get a new one each time, and the pool's
        // connections, bound to another, are then sometimes never handed out (as WebhookSender found)
        this.context = vertx.getOrCreateContext();
        this.http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(30)
                .setTrustOptions(CheckedAddress.trust(null)).setTracingPolicy(TracingPolicy.IGNORE));
    }

    /**
     * {@code method url} with {@code headers} and {@code body} (null for none); the whole exchange ends within
     * {@code timeout} or fails with a {@link TimeoutException}.
     */
    public Answer exchange(HttpMethod method, URI url, MultiMap headers, byte[] body, Duration timeout)
            throws Refused, IOException, TimeoutException, InterruptedException {
        EgressRule.Target target = egress.check(url);
        if (!target.allowed()) {
            throw new Refused(target.refusal());
        }
        return exchangeAt(target.address(), method, url, headers, body, timeout);
    }

    /**
     * The same sent to {@code address}, which the caller had the egress rule check for {@code url}'s host (a client
     * that must keep one address across requests, as SQS sinks do).
     */
    public Answer exchangeAt(InetAddress address, HttpMethod method, URI url, MultiMap headers, byte[] body, Duration timeout)
            throws IOException, TimeoutException, InterruptedException {
        RequestOptions request = CheckedAddress.connectTo(new RequestOptions().setMethod(method).setAbsoluteURI(url.toString())
                .setFollowRedirects(false).setHeaders(headers)
                .setConnectTimeout(timeout.toMillis())
                // a backstop for the connection only: the caller stops waiting at the timeout itself
                .setIdleTimeout(timeout.multipliedBy(2).toMillis()), url, address);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        context.runOnContext(ignored -> send(request, body).onComplete(outcome -> {
            if (outcome.succeeded()) {
                answer.complete(outcome.result());
            } else {
                answer.completeExceptionally(outcome.cause());
            }
        }));
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException broken) {
            throw broken.getCause() instanceof IOException io ? io : new IOException(broken.getCause().getMessage(), broken.getCause());
        }
    }

    private Future<Answer> send(RequestOptions request, byte[] body) {
        try {
            return http.request(request)
                    .compose(outgoing -> body == null ? outgoing.send() : outgoing.send(Buffer.buffer(body)))
                    .compose(this::whole);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
    }

    private Future<Answer> whole(HttpClientResponse response) {
        Promise<Answer> whole = Promise.promise();
        Buffer body = Buffer.buffer();
        response.exceptionHandler(whole::tryFail);
        response.handler(chunk -> {
            if (body.length() + chunk.length() > maxBody) {
                whole.tryFail(new IOException("the answer is larger than " + maxBody + " bytes"));
                response.request().reset();
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.endHandler(end -> whole.tryComplete(new Answer(response.statusCode(), response.headers(), body.getBytes())));
        return whole.future();
    }

    @Override
    public void close() {
        http.close();
    }
}
