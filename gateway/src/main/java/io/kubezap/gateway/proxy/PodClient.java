package io.kubezap.gateway.proxy;

import io.kubezap.contract.SessionApi;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * One whole call to a session pod, with the pod's own key, for what the gateway asks itself (the MCP tools, a message's
 * chat): blocking, on a worker thread, the body read whole. Callers' own calls are streamed by {@link PodProxy}. The
 * JDK's client honours {@code http.proxyHost} as {@link JvmHttpProxy} makes Vert.x' do.
 */
@ApplicationScoped
class PodClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final PodTargets targets;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    PodClient(PodTargets targets, GatewayConfig config) {
        this.targets = targets;
        this.timeout = config.podRequestTimeout();
    }

    /** {@code method} on {@code path} (below the session's base, with its raw query) with a JSON body or none. */
    PodAnswer send(String namespace, String session, String method, String path, String rawQuery, String jsonBody) {
        PodTarget target = targets.of(namespace, session);
        HttpRequest request = HttpRequest.newBuilder(target.uri(path, rawQuery)).timeout(timeout)
                .header(SessionApi.API_KEY_HEADER, target.apiKey())
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new PodAnswer(response.statusCode(), response.body());
        } catch (HttpTimeoutException slow) {
            throw new GatewayException(504, "session-timeout", "Session did not answer", "Session " + session
                    + " did not answer within " + timeout);
        } catch (IOException unreachable) {
            throw PodExchange.unavailable(target, unreachable);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw PodExchange.unavailable(target, interrupted);
        }
    }
}
