package io.kubezap.kubectl.sessionapi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.PasskeyChallenge;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.SessionState;
import io.kubezap.kubectl.failure.CliFailure;
import io.kubezap.kubectl.transport.SessionEndpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** A session's REST API (the pod's, or the gateway's proxy of it), as far as the plugin uses it. */
public class SessionClient {

    /** The most deliveries one {@code GET /webhooks/deliveries} returns: a backlog this long shows as "500+". */
    public static final int DELIVERIES_PAGE = 500;

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL).build();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String session;
    private final SessionEndpoint endpoint;

    public SessionClient(String session, SessionEndpoint endpoint) {
        this.session = session;
        this.endpoint = endpoint;
    }

    /** Whether {@link #state()} is the pod's own (with its last error), not the gateway's view of the resource. */
    public boolean servesPodState() {
        return endpoint.podState();
    }

    public SessionState state() {
        return read(send(get("")), SessionState.class);
    }

    /** The current QR drawn for a terminal by the pod; empty while there is none or it just expired. */
    public Optional<String> terminalQr() {
        HttpResponse<String> response = exchange(get("/qr?format=terminal"));
        if (response.statusCode() == 404 || response.statusCode() == 410) {
            return Optional.empty();
        }
        return Optional.of(checked(response).body());
    }

    public ExpiringCode pairingCode(String phoneNumber) {
        return read(send(post("/pairing-code", Map.of("phoneNumber", phoneNumber))), ExpiringCode.class);
    }

    /** The passkey challenge WhatsApp waits on; empty when it asks for none (now). */
    public Optional<PasskeyChallenge> passkeyChallenge() {
        HttpResponse<String> response = exchange(get("/pairing/passkey"));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(read(checked(response), PasskeyChallenge.class));
    }

    /**
     * Hands WhatsApp the passkey's answer ({@code PublicKeyCredential.toJSON()} as the browser printed it). A refusal
     * (422: answer the same challenge again) or a late answer (410: a new challenge follows) is an outcome, not a failure.
     */
    public PasskeyAnswer answerPasskey(String assertionJson) {
        HttpResponse<String> response = exchange(authorized("/pairing/passkey").timeout(TIMEOUT)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(assertionJson)).build());
        return switch (response.statusCode()) {
            case 422 -> new PasskeyAnswer(PasskeyAnswer.Outcome.REFUSED, detail(response.body()));
            case 410 -> new PasskeyAnswer(PasskeyAnswer.Outcome.EXPIRED, detail(response.body()));
            default -> {
                checked(response);
                yield new PasskeyAnswer(PasskeyAnswer.Outcome.ACCEPTED, null);
            }
        };
    }

    /** Queues a text; the stored message as the API answers it (id, status, ...). */
    public JsonNode sendText(String to, String text) {
        return read(send(post("/messages", Map.of("to", to, "text", text))), JsonNode.class);
    }

    /** The audit log, newest first. */
    public List<JsonNode> events(int limit, String type) {
        JsonNode page = read(send(get("/events?limit=" + limit + (type == null ? "" : "&type=" + encode(type)))),
                JsonNode.class);
        return items(page);
    }

    /** Webhook deliveries not yet accepted by their endpoint, counted up to {@link #DELIVERIES_PAGE}. */
    public int pendingDeliveries() {
        return items(read(send(get("/webhooks/deliveries?status=pending&limit=" + DELIVERIES_PAGE)), JsonNode.class)).size();
    }

    /**
     * Follows the live event stream (SSE) from just after event {@code afterId} (null: from the next new event), handing
     * each event's JSON to {@code sink}, until the stream ends.
     */
    public void followEvents(String type, String afterId, Consumer<JsonNode> sink) {
        String query = (type == null ? "" : "&type=" + encode(type)) + (afterId == null ? "" : "&lastEventId=" + encode(afterId));
        HttpRequest request = authorized("/events/stream" + query.replaceFirst("^&", "?"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = call(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() >= 300) {
            throw failure(response.statusCode(), String.join("\n", response.body().toList()), request.uri());
        }
        try (Stream<String> lines = response.body()) {
            new ServerSentEvents(data -> sink.accept(parse(data, JsonNode.class))).feed(lines);
        }
    }

    private HttpRequest get(String path) {
        return authorized(path).GET().timeout(TIMEOUT).build();
    }

    private HttpRequest post(String path, Object body) {
        try {
            return authorized(path).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder authorized(String path) {
        return HttpRequest.newBuilder(URI.create(endpoint.base() + path)).header(SessionApi.API_KEY_HEADER, endpoint.apiKey());
    }

    private HttpResponse<String> send(HttpRequest request) {
        return checked(exchange(request));
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        return call(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private <T> HttpResponse<T> call(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException e) {
            throw new CliFailure("cannot reach session " + session + " at " + request.uri() + ": connection refused", e);
        } catch (IOException e) {
            throw new CliFailure("cannot reach session " + session + " at " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted", e);
        }
    }

    private HttpResponse<String> checked(HttpResponse<String> response) {
        if (response.statusCode() >= 300) {
            throw failure(response.statusCode(), response.body(), response.uri());
        }
        return response;
    }

    private CliFailure failure(int status, String body, URI uri) {
        return new CliFailure("session " + session + ": HTTP " + status + " from " + uri.getPath() + ": " + detail(body));
    }

    /** A problem's title and detail, else the body's first line. */
    private static String detail(String body) {
        try {
            Problem problem = JSON.readValue(body, Problem.class);
            return problem.title() == null ? body : problem.title() + (problem.detail() == null ? "" : ": " + problem.detail());
        } catch (IOException | RuntimeException notAProblem) {
            return body == null || body.isBlank() ? "no details" : body.strip().lines().findFirst().orElse("");
        }
    }

    private static <T> T read(HttpResponse<String> response, Class<T> type) {
        return parse(response.body(), type);
    }

    private static <T> T parse(String body, Class<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new CliFailure("unexpected answer (not " + type.getSimpleName() + "): " + e.getMessage(), e);
        }
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
