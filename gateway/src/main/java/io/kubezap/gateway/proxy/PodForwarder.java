package io.kubezap.gateway.proxy;

import io.kubezap.contract.SessionApi;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Forwards one call to a session pod with the pod's own key in place of the caller's credentials, and streams the
 * answer back (bodies are never buffered whole, so media and event streams pass through).
 */
@ApplicationScoped
class PodForwarder {

    /** Request headers passed on to the pod; credentials and hop-by-hop headers are not among them. */
    private static final Set<String> FORWARDED_REQUEST = Set.of("content-type", "accept", "idempotency-key",
            "last-event-id", "accept-language", "if-none-match", "range");
    /** Response headers passed back; the rest (hop-by-hop, length: the gateway re-frames) stay behind. */
    private static final Set<String> FORWARDED_RESPONSE = Set.of("content-type", "location", "etag",
            "content-disposition", "retry-after", "cache-control", "content-range", "accept-ranges", "last-modified",
            "idempotency-replayed");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final GatewayConfig config;

    PodForwarder(GatewayConfig config) {
        this.config = config;
    }

    Response forward(PodTarget target, String method, String path, String rawQuery, HttpHeaders headers,
                     InputStream body, String publicBase) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.uri(path, rawQuery))
                .timeout(config.podRequestTimeout())
                .method(method, hasBody(method) ? HttpRequest.BodyPublishers.ofInputStream(() -> body)
                        : HttpRequest.BodyPublishers.noBody())
                .header(SessionApi.API_KEY_HEADER, target.apiKey());
        headers.getRequestHeaders().forEach((name, values) -> {
            if (FORWARDED_REQUEST.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<InputStream> answer = send(target, request.build());
        Response.ResponseBuilder response = Response.status(answer.statusCode());
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (FORWARDED_RESPONSE.contains(lower)) {
                values.forEach(value -> response.header(name, "location".equals(lower)
                        ? publicLocation(target, value, publicBase) : value));
            }
        });
        return response.entity(answer.body()).build();
    }

    private HttpResponse<InputStream> send(PodTarget target, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new GatewayException(504, "session-timeout", "Session did not answer", "Session "
                    + target.session() + " did not answer within " + config.podRequestTimeout());
        } catch (ConnectException e) {
            throw unavailable(target);
        } catch (IOException e) {
            throw unavailable(target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(target);
        }
    }

    private static GatewayException unavailable(PodTarget target) {
        return new GatewayException(503, "session-unavailable", "Session unavailable", "Session " + target.session()
                + " in namespace " + target.namespace() + " cannot be reached (its pod is not running or not ready)");
    }

    /** A pod's own path ({@code /api/v1/sessions/{name}/...}) becomes the path the caller used at the gateway. */
    private static String publicLocation(PodTarget target, String location, String publicBase) {
        String podBase = SessionApi.session(target.session());
        return location.startsWith(podBase) ? publicBase + location.substring(podBase.length()) : location;
    }

    private static boolean hasBody(String method) {
        return !List.of("GET", "HEAD", "DELETE", "OPTIONS").contains(method);
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
