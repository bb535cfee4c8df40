package io.kubezap.gateway.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.tracing.TraceLogFields;
import io.kubezap.tracing.ServerSpan;
import io.kubezap.gateway.problem.GatewayException;
import io.kubezap.gateway.problem.VertxProblems;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;

import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * One call as the pod sees it and as the caller gets it back: the pod's path and its own key instead of the caller's
 * credentials, only the headers named here in either direction (with span export on, the gateway's own span as the
 * {@code traceparent}, in the caller's trace), the pod's {@code Location} made the gateway's, and a
 * problem body when the pod cannot be reached (503) or does not answer in time (504).
 */
final class PodExchange implements ProxyInterceptor {

    /** Request headers passed on to the pod; credentials and hop-by-hop headers are not among them. */
    static final Set<String> FORWARDED_REQUEST = Set.of("content-type", "content-length", "accept", "idempotency-key",
            "last-event-id", "accept-language", "if-none-match", "range", "traceparent", "tracestate");
    /** Response headers passed back; the rest stay behind (the proxy frames the body itself). */
    private static final Set<String> FORWARDED_RESPONSE = Set.of("content-type", "location", "etag",
            "content-disposition", "retry-after", "cache-control", "content-range", "accept-ranges", "last-modified",
            "idempotency-replayed");

    private static final Set<HttpMethod> BODILESS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.DELETE,
            HttpMethod.OPTIONS);

    private final PodTarget target;
    private final ProxiedPath path;
    private final Duration timeout;
    private final ObjectMapper json;
    private final Buffer readBody;

    /** {@code readBody}: the caller's body as the gateway read it to judge it ({@link ChatGuard}); null when streamed. */
    PodExchange(PodTarget target, ProxiedPath path, Duration timeout, ObjectMapper json, Buffer readBody) {
        this.target = target;
        this.path = path;
        this.timeout = timeout;
        this.json = json;
        this.readBody = readBody;
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        ProxyRequest request = context.request();
        URI pod = target.uri(path.rest().encoded(), request.proxiedRequest().query());
        request.setURI(JvmHttpProxy.requestTarget(pod));
        request.setAuthority(HostAndPort.create(pod.getHost(), pod.getPort()));
        keepOnly(request.headers(), FORWARDED_REQUEST);
        request.headers().set(SessionApi.API_KEY_HEADER, target.apiKey());
        ServerSpan.current().ifPresent(own -> request.headers().set(TraceLogFields.TRACEPARENT_HEADER, own.traceparent()));
        if (readBody == null) {
            framed(request);
        } else {
            request.headers().remove(HttpHeaders.TRANSFER_ENCODING);
            request.setBody(Body.body(readBody));
        }
        return context.sendRequest().recover(failure -> Future.succeededFuture(problem(request, failure)));
    }

    @Override
    public Future<Void> handleProxyResponse(ProxyContext context) {
        ProxyResponse response = context.response();
        keepOnly(response.headers(), FORWARDED_RESPONSE);
        String location = response.headers().get(HttpHeaders.LOCATION);
        if (location != null) {
            response.headers().set(HttpHeaders.LOCATION, publicLocation(location));
        }
        return context.sendResponse();
    }

    /**
     * The pod speaks HTTP/1.1; a caller's HTTP/2 request may carry a body of no declared length, which HTTP/1.1 sends
     * chunked. A request whose method has no body is sent with an empty one.
     */
    private static void framed(ProxyRequest request) {
        HttpServerRequest caller = request.proxiedRequest();
        if (caller.headers().contains(HttpHeaders.CONTENT_LENGTH)) {
            return;
        }
        if (BODILESS.contains(caller.method())) {
            request.setBody(Body.body(Buffer.buffer()));
            caller.resume();
        } else if (caller.version() == HttpVersion.HTTP_2) {
            caller.headers().set(HttpHeaders.TRANSFER_ENCODING, HttpHeaders.CHUNKED);
        }
    }

    private ProxyResponse problem(ProxyRequest request, Throwable failure) {
        GatewayException refused = failure instanceof TimeoutException
                ? new GatewayException(504, "session-timeout", "Session did not answer", "Session " + target.session()
                + " did not answer within " + timeout)
                : unavailable(target, failure);
        Problem problem = refused.problem();
        return request.release().response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .setBody(Body.body(Buffer.buffer(VertxProblems.json(json, problem))));
    }

    static GatewayException unavailable(PodTarget target, Throwable failure) {
        String why = failure instanceof ConnectException ? "its pod is not running or not ready" : failure.getMessage();
        return new GatewayException(503, "session-unavailable", "Session unavailable", "Session " + target.session()
                + " in namespace " + target.namespace() + " cannot be reached (" + why + ")");
    }

    /** A pod's own path ({@code /api/v1/sessions/{name}/...}) becomes the path the caller used at the gateway. */
    private String publicLocation(String location) {
        String podBase = SessionApi.session(target.session());
        return location.startsWith(podBase) ? path.publicBase() + location.substring(podBase.length()) : location;
    }

    static void keepOnly(MultiMap headers, Set<String> kept) {
        List<String> names = headers.names().stream().filter(name -> !kept.contains(name.toLowerCase(Locale.ROOT))).toList();
        names.forEach(headers::remove);
    }
}
