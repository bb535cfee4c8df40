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

/** Talks to one session pod's REST API (state and logout), each call bounded by the configured timeout. */
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

    /** The pod's state document; a phase outside the contract is {@link UnknownPhaseException}, not a guess. */
    public SessionState state(WhatsAppSession session, String apiKey) throws SessionApiException {
        HttpResponse<String> response = send(session, apiKey, "GET", "", config.session().requestTimeout());
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
                .orElseGet(() -> SessionEndpoint.of(session));
    }

    private HttpResponse<String> send(WhatsAppSession session, String apiKey, String method, String suffix,
                                      Duration timeout) throws SessionApiException {
        URI uri = URI.create(baseUrl(session) + SessionApi.session(
                URLEncoder.encode(session.getMetadata().getName(), StandardCharsets.UTF_8)) + suffix);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SessionApiException(method + " " + uri.getPath() + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SessionApiException(method + " " + uri.getPath() + " interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new SessionApiException(method + " " + uri.getPath() + " answered HTTP " + response.statusCode());
        }
        return response;
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
