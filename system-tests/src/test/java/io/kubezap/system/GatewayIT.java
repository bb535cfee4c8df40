package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.kubezap.api.v1alpha1.SessionPhase;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway replicas in front of the whole system: a session created through one of them, linked, messaging;
 * the live feed of its real pod's events reaches a stream on each replica (SSE on one, a WebSocket opened with the
 * other's token on the second), survives the replicas losing their database connections, and resumes on the other
 * replica; sends go through the proxy to the pod; the stats count what happened.
 */
class GatewayIT {

    static final String SESSION = "frente";
    static final String OWNER = "5511988880101";
    static final String CUSTOMER = "5511977770102";
    static final String KEY = "gateway-key-of-the-system-test";
    static final Duration WAIT = Duration.ofSeconds(60);

    private final TheSystem system = TheSystem.get();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void twoReplicasServeOneLiveFeedProxyAndStats() throws Exception {
        system.client().secrets().inNamespace(MockCluster.OPERATOR_NAMESPACE).resource(new SecretBuilder()
                .withNewMetadata().withName("gateway-admin-key").withNamespace(MockCluster.OPERATOR_NAMESPACE)
                .addToLabels("kubezap.io/gateway-key", "true").endMetadata()
                .withStringData(Map.of("key", KEY, "role", "admin", "namespaces", "*")).build()).create();
        List<URI> gateways = system.gateways();
        URI a = gateways.get(0);
        URI b = gateways.get(1);
        system.control("POST", "/api/phones", Map.of("number", OWNER, "pushName", "Frente de loja"));
        system.control("POST", "/api/phones", Map.of("number", CUSTOMER, "pushName", "Cliente da frente"));

        BlockingQueue<JsonNode> onA = new LinkedBlockingQueue<>();
        sse(a.resolve("/api/v1/events/stream?session=default/" + SESSION), Map.of("X-Api-Key", KEY), onA);
        String token = call(a, "POST", "/api/v1/tokens", "{\"session\": [\"default/" + SESSION + "\"]}", 201)
                .path("token").asText();
        BlockingQueue<JsonNode> onB = new LinkedBlockingQueue<>();
        http.newWebSocketBuilder().buildAsync(URI.create("ws://" + b.getAuthority() + "/api/v1/events/ws?token=" + token),
                collect(onB)).join();

        call(a, "POST", "/api/v1/sessions", "{\"name\": \"" + SESSION + "\", \"namespace\": \"default\", "
                + "\"pairing\": {\"method\": \"QR\"}}", 201);
        String qr = system.awaitSession(SESSION, "a QR", s -> s.getStatus() != null && s.getStatus().getQr() != null)
                .getStatus().getQr().code();
        system.control("POST", "/api/phones/" + OWNER + "/scan", Map.of("qr", qr));
        system.awaitSession(SESSION, "Connected", s -> s.getStatus().getPhase() == SessionPhase.Connected);
        awaitEvent(onA, "session.connected", null);
        awaitEvent(onB, "session.connected", null);

        system.control("POST", "/api/phones/" + CUSTOMER + "/messages", Map.of("to", OWNER, "text", "Tem pão?"));
        JsonNode first = awaitEvent(onA, "message.received", "Tem pão?");
        assertThat(first.path("namespace").asText()).isEqualTo("default");
        assertThat(first.path("session").asText()).isEqualTo(SESSION);
        awaitEvent(onB, "message.received", "Tem pão?");

        // through the other replica's proxy to the pod, with the pod's key
        call(b, "POST", "/api/v1/namespaces/default/sessions/" + SESSION + "/messages",
                "{\"to\": \"" + CUSTOMER + "\", \"text\": \"Saindo do forno\"}", 202);
        TheSystem.await("the customer has the answer", () -> system.inboxHas(CUSTOMER, "Saindo do forno"));

        // both replicas lose their listening connections: what is recorded meanwhile still arrives
        try (Connection admin = system.database(); Statement statement = admin.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'kubezap-gateway-feed'");
        }
        system.control("POST", "/api/phones/" + CUSTOMER + "/messages", Map.of("to", OWNER, "text", "Quero dois"));
        awaitEvent(onA, "message.received", "Quero dois");
        awaitEvent(onB, "message.received", "Quero dois");

        // a client of replica A resumes on replica B after the first message: it gets the later ones
        BlockingQueue<JsonNode> resumed = new LinkedBlockingQueue<>();
        sse(b.resolve("/api/v1/events/stream?session=default/" + SESSION + "&type=message.received"),
                Map.of("X-Api-Key", KEY, "Last-Event-ID", first.path("id").asText()), resumed);
        assertThat(awaitEvent(resumed, "message.received", null).path("payload").toString()).contains("Quero dois");

        JsonNode stats = call(a, "GET", "/api/v1/stats?session=default/" + SESSION, null, 200);
        assertThat(stats.path("sessions").path("byPhase").path("Connected").asInt()).isEqualTo(1);
        assertThat(stats.path("messages").path("total").path("in").asInt()).isEqualTo(2);
        assertThat(stats.path("messages").path("total").path("out").asInt()).isEqualTo(1);
        // received messages carry WhatsApp's timestamp, in whole seconds: the last two may tie, so no order here
        List<String> latest = new java.util.ArrayList<>();
        stats.path("latest").forEach(message -> latest.add(message.path("text").asText()));
        assertThat(latest).containsExactlyInAnyOrder("Tem pão?", "Saindo do forno", "Quero dois");
    }

    /** The next event of {@code type} (whose payload mentions {@code text}, if given), skipping others. */
    private static JsonNode awaitEvent(BlockingQueue<JsonNode> events, String type, String text) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode event = events.poll(1, TimeUnit.SECONDS);
            if (event != null && type.equals(event.path("type").asText())
                    && (text == null || event.path("payload").toString().contains(text))) {
                return event;
            }
        }
        throw new AssertionError("no " + type + (text == null ? "" : " with " + text) + " within " + WAIT);
    }

    private void sse(URI uri, Map<String, String> headers, BlockingQueue<JsonNode> into) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(request::header);
        HttpResponse<java.io.InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        Thread.ofVirtual().start(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("data:")) {
                        into.add(TheSystem.JSON.readTree(line.substring(5).strip()));
                    }
                }
            } catch (Exception ended) {
                // the test is over
            }
        });
    }

    private static WebSocket.Listener collect(BlockingQueue<JsonNode> into) {
        return new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence part, boolean last) {
                text.append(part);
                if (last) {
                    try {
                        into.add(TheSystem.JSON.readTree(text.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }
        };
    }

    private JsonNode call(URI gateway, String method, String path, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway.resolve(path)).header("X-Api-Key", KEY)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? TheSystem.JSON.nullNode() : TheSystem.JSON.readTree(response.body());
    }
}
