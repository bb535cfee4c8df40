package io.kubezap.operator.sessionapi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.SessionState;
import io.kubezap.operator.config.OperatorConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Talks to one session pod's REST API (state and logout), each call bounded by the configured timeout. The state is
 * asked without a thread waiting for the answer, so a pod that never answers costs a connection, not a thread.
 */
@ApplicationScoped
public class SessionApiClient {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final OperatorConfig config;
    private final HttpClient http;

    public SessionApiClient(OperatorConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder()
                .connectTimeout(config.session().requestTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The pod's state document, without holding a thread while the pod answers: the future fails with a
     * {@link SessionApiException} (a phase outside the contract is {@link UnknownPhaseException}, not a guess) when the
     * pod refuses, answers otherwise than the contract says, or not within the configured timeout.
     */
    public CompletableFuture<SessionState> state(WhatsAppSession session, String apiKey) {
        HttpRequest request = request(session, apiKey, "GET", "", config.session().requestTimeout());
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, error) -> {
            try {
                return parseState(answered(request, response, error));
            } catch (SessionApiException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static SessionState parseState(HttpResponse<String> response) throws SessionApiException {
        try {
            JsonNode document = JSON.readTree(response.body());
            JsonNode phase = document.path("phase");
            if (phase.isTextual() && Arrays.stream(PodPhase.values()).noneMatch(p -> p.name().equals(phase.asText()))) {
                throw new UnknownPhaseException(phase.asText());
            }
            return JSON.treeToValue(document, SessionState.class);
        } catch (IOException e) {
            throw new SessionApiException("session pod answered with unreadable state: " + e.getMessage(), e);
        }
    }

    public void logout(WhatsAppSession session, String apiKey, Duration timeout) throws SessionApiException {
        send(session, apiKey, "POST", "/logout", timeout);
    }

    /** Base URL of the session's REST API as seen from the operator. */
    public String baseUrl(WhatsAppSession session) {
        return config.session().endpointOverride()
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElseGet(() -> SessionEndpoint.reported(session));
    }

    private void send(WhatsAppSession session, String apiKey, String method, String suffix, Duration timeout)
            throws SessionApiException {
        HttpRequest request = request(session, apiKey, method, suffix, timeout);
        try {
            answered(request, http.send(request, HttpResponse.BodyHandlers.ofString()), null);
        } catch (IOException e) {
            answered(request, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionApiException(request.method() + " " + request.uri().getPath() + " interrupted", e);
        }
    }

    private HttpRequest request(WhatsAppSession session, String apiKey, String method, String suffix, Duration timeout) {
        URI uri = URI.create(baseUrl(session) + SessionApi.session(
                URLEncoder.encode(session.getMetadata().getName(), StandardCharsets.UTF_8)) + suffix);
        return HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
    }

    /** The response if the call reached the pod and it answered 2xx. */
    private static HttpResponse<String> answered(HttpRequest request, HttpResponse<String> response, Throwable error)
            throws SessionApiException {
        String call = request.method() + " " + request.uri().getPath();
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause != null) {
            throw new SessionApiException(call + " failed: " + describe(cause), cause);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SessionApiException(call + " answered HTTP " + response.statusCode());
        }
        return response;
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
