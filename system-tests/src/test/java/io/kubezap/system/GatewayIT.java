package io.kubezap.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.schema.SessionSchema;
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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    static final String NAMESPACE_KEY = "gateway-key-for-namespace-default";
    static final String ELSEWHERE_KEY = "gateway-key-for-namespace-elsewhere";
    static final String SEND_KEY = "gateway-key-that-only-sends";
    static final String SA_TOKEN = "eyJhbGciOi.crm-token-for-kubezap-gateway.signature";
    static final String COUNTER = "balcao";
    static final String TILL = "caixa";
    static final String COUNTER_OWNER = "5511988880201";
    static final String TILL_OWNER = "5511988880202";
    static final String BUYER = "5511977770203";

    private final TheSystem system = TheSystem.get();
    private final HttpClient http = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();

    @Test
    void twoReplicasServeOneLiveFeedProxyAndStats() throws Exception {
        system.gatewayKey("gateway-admin-key", KEY, "admin", "*");
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
                + "\"pairing\": {\"method\": \"QR\"}, \"webhooks\": [{\"url\": \"" + system.webhooks().url("/traced")
                + "\", \"events\": [\"message.sent\"]}]}", 201);
        String qr = system.awaitQr(SESSION, "a QR", code -> true);
        system.control("POST", "/api/phones/" + OWNER + "/scan", Map.of("qr", qr));
        system.awaitSession(SESSION, "Connected", s -> s.getStatus().getPhase() == SessionPhase.Connected);
        awaitEvent(onA, "session.connected", null);
        awaitEvent(onB, "session.connected", null);

        system.control("POST", "/api/phones/" + CUSTOMER + "/messages", Map.of("to", OWNER, "text", "Tem pão?"));
        JsonNode first = awaitEvent(onA, "message.received", "Tem pão?");
        assertThat(first.path("namespace").asText()).isEqualTo("default");
        assertThat(first.path("session").asText()).isEqualTo(SESSION);
        awaitEvent(onB, "message.received", "Tem pão?");

        // through the other replica's proxy to the pod, with the pod's key; the caller's trace reaches the webhook request
        String traceId = java.util.UUID.randomUUID().toString().replace("-", "");
        call(b, "POST", "/api/v1/namespaces/default/sessions/" + SESSION + "/messages",
                Map.of("X-Api-Key", KEY, "traceparent", "00-" + traceId + "-e457b5a2e4d86bd1-01"),
                "{\"to\": \"" + CUSTOMER + "\", \"text\": \"Saindo do forno\"}", 202);
        TheSystem.await("the customer has the answer", () -> system.inboxHas(CUSTOMER, "Saindo do forno"));
        assertThat(system.awaitDelivery("/traced", "Saindo do forno").headers().get("traceparent")).contains(traceId);

        // both replicas are logged in as the gateway's own role, never as the admin
        try (Connection admin = system.database(); Statement statement = admin.createStatement();
             var logins = statement.executeQuery("select distinct usename from pg_stat_activity"
                     + " where application_name like 'kubezap-gateway%'")) {
            List<String> users = new java.util.ArrayList<>();
            while (logins.next()) {
                users.add(logins.getString(1));
            }
            assertThat(users).as("the gateways' database logins").containsExactly(SessionSchema.GATEWAY_ROLE);
        }

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

    /**
     * Two more sessions, created and linked through the gateway (one by pairing code, one by QR) with keys scoped to
     * their namespace, both sessions' events on one SSE connection and resumed on the other replica, a file sent and
     * one received through the proxy, the received file's signed link in a webhook's event opened through the gateway
     * without a key (and refused when changed), a key scoped to {@code send}, and a ServiceAccount's token.
     */
    @Test
    void scopedKeysAServiceAccountMediaAndTwoSessionsOnOneStream() throws Exception {
        system.gatewayKey("gateway-admin-key", KEY, "admin", "*");
        system.gatewayKey("default-admin-key", NAMESPACE_KEY, "admin", "default");
        system.gatewayKey("elsewhere-admin-key", ELSEWHERE_KEY, "admin", "elsewhere");
        system.gatewayKey("default-send-key", SEND_KEY, "send", "default");
        system.reviews().serviceAccount("default", "crm", SA_TOKEN, "kubezap-gateway", Set.of("get", "list", "send"));
        List<URI> gateways = system.gateways();
        URI a = gateways.get(0);
        URI b = gateways.get(1);
        for (var phone : Map.of(COUNTER_OWNER, "Balcão", TILL_OWNER, "Caixa", BUYER, "Comprador").entrySet()) {
            system.control("POST", "/api/phones", Map.of("number", phone.getKey(), "pushName", phone.getValue()));
        }

        // a key for one namespace creates there; the pods of both sessions start side by side
        call(a, "POST", "/api/v1/sessions", Map.of("X-Api-Key", NAMESPACE_KEY), "{\"name\": \"" + COUNTER + "\", "
                + "\"namespace\": \"default\", \"pairing\": {\"method\": \"PairingCode\", \"phoneNumber\": \"" + COUNTER_OWNER + "\"}, "
                + "\"webhooks\": [{\"url\": \"" + system.webhooks().url("/media-links") + "\", \"events\": [\"message.received\"]}]}", 201);
        call(b, "POST", "/api/v1/sessions", Map.of("X-Api-Key", NAMESPACE_KEY), "{\"name\": \"" + TILL + "\", "
                + "\"namespace\": \"default\", \"pairing\": {\"method\": \"QR\"}}", 201);
        call(a, "POST", "/api/v1/sessions", Map.of("X-Api-Key", ELSEWHERE_KEY), "{\"name\": \"intruso\", \"namespace\": \"default\"}", 403);
        call(a, "GET", "/api/v1/namespaces/default/sessions/" + COUNTER, Map.of("X-Api-Key", ELSEWHERE_KEY), null, 403);
        assertThat(call(a, "GET", "/api/v1/sessions", Map.of("X-Api-Key", ELSEWHERE_KEY), null, 200).path("items")).isEmpty();

        // linked through the gateway, by a key that may manage the sessions: a pairing code asked of the session once its
        // status tells that one waits, the QR from the pod it proxies to; the session's view carries neither
        awaitValue(() -> call(a, "GET", "/api/v1/namespaces/default/sessions/" + COUNTER,
                Map.of("X-Api-Key", NAMESPACE_KEY), null, 200).path("pairing").path("expiresAt").asText(null));
        String code = call(a, "POST", "/api/v1/namespaces/default/sessions/" + COUNTER + "/pairing-code",
                Map.of("X-Api-Key", NAMESPACE_KEY), "{\"phoneNumber\": \"" + COUNTER_OWNER + "\"}", 200).path("code").asText();
        system.control("POST", "/api/phones/" + COUNTER_OWNER + "/pairing-code", Map.of("code", code));
        String qr = awaitValue(() -> text(b, "/api/v1/namespaces/default/sessions/" + TILL + "/qr?format=raw", NAMESPACE_KEY));
        system.control("POST", "/api/phones/" + TILL_OWNER + "/scan", Map.of("qr", qr));
        system.awaitSession(COUNTER, "Connected", s -> s.getStatus().getPhase() == SessionPhase.Connected);
        system.awaitSession(TILL, "Connected", s -> s.getStatus().getPhase() == SessionPhase.Connected);

        // both sessions' events on one connection to replica A
        BlockingQueue<JsonNode> both = new LinkedBlockingQueue<>();
        sse(a.resolve("/api/v1/events/stream?session=default/" + COUNTER + "&session=default/" + TILL + "&type=message.received"),
                Map.of("X-Api-Key", KEY), both);
        byte[] photo = png();
        system.control("POST", "/api/phones/" + BUYER + "/messages", Map.of("to", COUNTER_OWNER, "type", "image",
                "caption", "Esta foto", "media", Map.of("data", Base64.getEncoder().encodeToString(photo), "mimeType", "image/png")));
        JsonNode atCounter = awaitEvent(both, "message.received", "Esta foto");
        assertThat(atCounter.path("session").asText()).isEqualTo(COUNTER);
        system.control("POST", "/api/phones/" + BUYER + "/messages", Map.of("to", TILL_OWNER, "text", "Fecha a conta?"));
        assertThat(awaitEvent(both, "message.received", "Fecha a conta?").path("session").asText()).isEqualTo(TILL);

        // resumed on replica B after the first: the second session's message, and not the first again
        BlockingQueue<JsonNode> resumed = new LinkedBlockingQueue<>();
        sse(b.resolve("/api/v1/events/stream?session=default/" + COUNTER + "&session=default/" + TILL + "&type=message.received"),
                Map.of("X-Api-Key", KEY, "Last-Event-ID", atCounter.path("id").asText()), resumed);
        JsonNode next = awaitEvent(resumed, "message.received", null);
        assertThat(next.path("session").asText()).isEqualTo(TILL);
        assertThat(next.path("payload").toString()).contains("Fecha a conta?");

        // the photo's bytes through the proxy, as the pod downloaded them from WhatsApp
        String photoId = atCounter.path("payload").path("id").asText();
        byte[] downloaded = awaitValue(() -> bytes(b, "/api/v1/namespaces/default/sessions/" + COUNTER + "/messages/" + photoId + "/media", SEND_KEY));
        assertThat(downloaded).isEqualTo(photo);

        // the photo's link in the webhook's event (spec.events.payload.media Url, the default): signed by the pod, it leads
        // to the gateway (the operator's gateway.publicUrl), which opens that one file to whoever holds it, without a key
        JsonNode hook = TheSystem.JSON.readTree(system.awaitDelivery("/media-links", "Esta foto").body());
        URI link = URI.create(hook.path("data").path("media").path("url").asText());
        assertThat(link.getAuthority()).isEqualTo(a.getAuthority());
        assertThat(link.getRawPath()).isEqualTo("/api/v1/namespaces/default/sessions/" + COUNTER + "/messages/" + photoId + "/media");
        assertThat(link.getRawQuery()).contains("expires=", "signature=");
        assertThat(awaitValue(() -> withoutKey(link).statusCode() == 200 ? withoutKey(link).body() : null)).isEqualTo(photo);
        String signature = link.getRawQuery().replaceFirst(".*signature=", "");
        URI changed = URI.create(link.toString().replace("signature=" + signature,
                "signature=" + (signature.charAt(0) == 'A' ? "B" : "A") + signature.substring(1)));
        assertThat(new String(unsigned(changed, 403), StandardCharsets.UTF_8)).contains("media-url-invalid");
        assertThat(unsigned(b.resolve(link.getRawPath() + "?" + link.getRawQuery()), 200)).as("the other replica holds the same key copy")
                .isEqualTo(photo);

        // a key scoped to send: sends a file through the proxy, but cannot delete the session nor link another number
        byte[] menu = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        call(a, "POST", "/api/v1/namespaces/default/sessions/" + COUNTER + "/messages", Map.of("X-Api-Key", SEND_KEY),
                TheSystem.JSON.writeValueAsString(Map.of("to", BUYER, "type", "document", "mimeType", "application/pdf",
                        "fileName", "cardapio.pdf", "media", Map.of("data", Base64.getEncoder().encodeToString(menu)))), 202);
        TheSystem.await("the buyer has the menu", () -> {
            for (JsonNode message : system.control("GET", "/api/phones/" + BUYER + "/messages", null)) {
                if ("cardapio.pdf".equals(message.path("media").path("fileName").asText())) {
                    return "downloaded".equals(message.path("media").path("status").asText());
                }
            }
            return false;
        });
        call(a, "DELETE", "/api/v1/namespaces/default/sessions/" + TILL, Map.of("X-Api-Key", SEND_KEY), null, 403);
        call(a, "POST", "/api/v1/namespaces/default/sessions/" + TILL + "/pairing-code", Map.of("X-Api-Key", SEND_KEY),
                "{\"phoneNumber\": \"" + BUYER + "\"}", 403);

        // a ServiceAccount's token for the gateway's audience: lists and sends in its namespace, deletes nothing
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + SA_TOKEN);
        List<String> listed = new java.util.ArrayList<>();
        call(b, "GET", "/api/v1/sessions?namespace=default", bearer, null, 200).path("items")
                .forEach(s -> listed.add(s.path("name").asText()));
        assertThat(listed).contains(COUNTER, TILL);
        call(b, "POST", "/api/v1/namespaces/default/sessions/" + TILL + "/messages", bearer,
                "{\"to\": \"" + BUYER + "\", \"text\": \"Conta fechada\"}", 202);
        TheSystem.await("the buyer has the ServiceAccount's text", () -> system.inboxHas(BUYER, "Conta fechada"));
        call(b, "DELETE", "/api/v1/namespaces/default/sessions/" + TILL, bearer, null, 403);
        call(b, "GET", "/api/v1/sessions", Map.of("Authorization", "Bearer eyJhbGciOi.not-issued.signature"), null, 401);
    }

    /** A GET without credentials, as a webhook's receiver opens a media link; its body when the status is {@code expected}. */
    private byte[] unsigned(URI uri, int expected) throws Exception {
        HttpResponse<byte[]> response = withoutKey(uri);
        assertThat(response.statusCode()).as(uri + ": " + new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(expected);
        return response.body();
    }

    private HttpResponse<byte[]> withoutKey(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
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
        return call(gateway, method, path, Map.of("X-Api-Key", KEY), body, expected);
    }

    private JsonNode call(URI gateway, String method, String path, Map<String, String> credentials, String body,
                          int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(gateway.resolve(path)).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        credentials.forEach(request::header);
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return response.body().isEmpty() ? TheSystem.JSON.nullNode() : TheSystem.JSON.readTree(response.body());
    }

    /** The body of a GET with {@code key}, or null unless it answered 200. */
    private byte[] bytes(URI gateway, String path, String key) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(gateway.resolve(path)).header("X-Api-Key", key).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 ? response.body() : null;
    }

    private String text(URI gateway, String path, String key) throws Exception {
        byte[] body = bytes(gateway, path, key);
        return body == null ? null : new String(body, StandardCharsets.UTF_8);
    }

    /** Waits until {@code value} answers something (not null). */
    private static <T> T awaitValue(java.util.concurrent.Callable<T> value) {
        java.util.concurrent.atomic.AtomicReference<T> found = new java.util.concurrent.atomic.AtomicReference<>();
        TheSystem.await("a value", () -> {
            found.set(value.call());
            return found.get() != null;
        });
        return found.get();
    }

    /** A gateway key Secret in the gateway's namespace, as {@code kubectl create secret} and {@code label} make it. */

    /** A small real PNG, as a phone's camera would send one. */
    private static byte[] png() throws java.io.IOException {
        var image = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0x075e54);
        var out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
