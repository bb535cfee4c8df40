package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionPath;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.config.SessionConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTTP layer's own refusals (URI too long, headers too large, body too large, a body on the event stream)
 * answered as problem bodies in the API's words. Vert.x decides these before JAX-RS and answers them with an empty
 * body, and its decoder offers no hook for the answer; so its hard limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set well above the API's own
 * ({@code kubezap.http.*}), which this route, the first on the router, enforces. Only a request beyond the hard
 * limits still gets Vert.x's bare status. Malformed header names and values (control characters) are Vert.x's to
 * refuse, with a bare 400: its header validation stays on for the whole process, requests and responses alike, so
 * that no header value can ever split a response. A path not in its plain spelling ({@link SessionPath#isPlain}: no
 * {@code ;params}, empty, {@code .} or {@code ..} segment) is refused here too, so each route is reached by the one
 * spelling the gateway judged it by.
 */
@ApplicationScoped
public class TransportLimits {


    /** Ahead of Quarkus's own body-size check (order -2), which answers an empty 413. */
    static final int ORDER = -100;
    private static final String API = "/api/";

    private final ObjectMapper json;
    private final int maxUriLength;
    private final long maxHeaderBytes;
    private final long maxBodyBytes;

    public TransportLimits(ObjectMapper json, SessionConfig config) {
        this.json = json;
        this.maxUriLength = config.http().maxUriLength();
        this.maxHeaderBytes = config.http().maxHeaderSize().asLongValue();
        this.maxBodyBytes = config.maxBodySize().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    private void check(RoutingContext context) {
        problem(context.request()).or(() -> pathNotPlain(context))
                .ifPresentOrElse(problem -> refuse(context, problem), context::next);
    }

    private Optional<Problem> problem(HttpServerRequest request) {
        if (request.uri().length() > maxUriLength) {
            return Optional.of(Problem.of("uri-too-long", "URI Too Long", 414,
                    "The request's path and query are longer than " + maxUriLength + " characters", List.of()));
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > maxHeaderBytes) {
            return Optional.of(Problem.of("headers-too-large", "Request Header Fields Too Large", 431,
                    "The request's headers are larger than " + maxHeaderBytes + " bytes", List.of()));
        }
        Optional<Long> length = contentLength(request);
        if (length.isPresent() && length.get() > maxBodyBytes) {
            return Optional.of(Problem.of("body-too-large", "Content Too Large", 413,
                    "The request body is larger than " + maxBodyBytes + " bytes", List.of()));
        }
        if (carriesBody(request, length) && request.path().endsWith("/events/stream")
                && (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD)) {
            return Optional.of(Problem.of("bad-request", "Bad Request", 400,
                    "A request for the event stream carries no body", List.of()));
        }
        return Optional.empty();
    }

    /**
     * The gateway judges a call by its path's one reading and forwards that spelling: no other spelling of a path under
     * the API (as sent, or as Vert.x resolves it) is served here. Quarkus' own pages ({@code /q/…}) are not judged.
     */
    private static Optional<Problem> pathNotPlain(RoutingContext context) {
        String path = context.request().path();
        boolean api = path.startsWith(API) || context.normalizedPath().startsWith(API);
        return api && !SessionPath.isPlain(path.substring(1)) ? Optional.of(plainPathRefusal(path)) : Optional.empty();
    }

    private static Problem plainPathRefusal(String path) {
        try {
            SessionPath.of(path);
        } catch (SessionPath.Refused ambiguous) {
            return ambiguous.problem();
        }
        return new SessionPath.Refused("'" + path + "' is served here only as '/" + SessionPath.of(path).encoded() + "'").problem();
    }

    private static Optional<Long> contentLength(HttpServerRequest request) {
        try {
            return Optional.ofNullable(request.getHeader(HttpHeaders.CONTENT_LENGTH)).map(String::strip).map(Long::parseLong);
        } catch (NumberFormatException notANumber) {
            return Optional.empty(); // the decoder refuses these before we see them
        }
    }

    private static boolean carriesBody(HttpServerRequest request, Optional<Long> length) {
        return length.map(l -> l > 0).orElse(false) || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    /** The body, if any, is not read: the connection closes after the answer. */
    private void refuse(RoutingContext context, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        var response = context.response().setStatusCode(problem.status());
        if (context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close"); // HTTP/2 forbids the header (the stream ends instead)
        }
        if (context.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end();
        } else {
            response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
        }
    }
}
