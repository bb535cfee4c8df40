package io.kubezap.gateway.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kubezap.gateway.SessionPodStandIn;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for session pods behind the dashboard: each session's {@link PodInbox} served as a pod serves it
 * (chats, threads, media, sends, reactions, edits, deletions, read receipts, webhook deliveries, the QR), only to
 * the pod's key, recording what reached it.
 */
public class InboxPodStandIn implements QuarkusTestResourceLifecycleManager {

    /** What reached the pod: method, path (decoded) with query, the key it carried, the body (bytes as ISO-8859-1). */
    record Received(String method, String uri, String apiKey, String contentType, String body) {
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    static final Map<String, String> QR_CODES = new ConcurrentHashMap<>();
    private static final Map<String, PodInbox> INBOXES = new ConcurrentHashMap<>();
    private static final Pattern SESSION_CALL = Pattern.compile("^/api/v1/sessions/([^/]+)(/.*)$");
    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    static PodInbox inbox(String session) {
        return INBOXES.computeIfAbsent(session, s -> new PodInbox());
    }

    @Override
    public Map<String, String> start() {
        server = SessionPodStandIn.loopback(exchange -> {
            try (exchange) {
                answer(exchange);
            }
        });
        return SessionPodStandIn.sessionUrl(server);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.ISO_8859_1);
        String apiKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery();
        RECEIVED.add(new Received(method, path + (query.isEmpty() ? "" : "?" + query), apiKey,
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Matcher call = SESSION_CALL.matcher(path);
        if (!SessionPodStandIn.POD_KEY.equals(apiKey) || !call.matches()) {
            json(exchange, 401, Map.of("title", "Unauthorized", "status", 401));
            return;
        }
        String session = call.group(1);
        route(exchange, method, call.group(2), query, body, session, inbox(session));
    }

    private void route(HttpExchange exchange, String method, String rest, String query, String body, String session,
                       PodInbox inbox) throws IOException {
        Matcher m;
        if (method.equals("GET") && rest.equals("/qr") && QR_CODES.containsKey(session)) {
            bytes(exchange, 200, "image/png", SessionPodStandIn.png(QR_CODES.get(session)));
        } else if (method.equals("POST") && rest.equals("/pairing-code")) {
            json(exchange, 200, Map.of("code", SessionPodStandIn.PAIRING_CODE, "expiresAt", "2030-01-01T00:00:00Z"));
        } else if (method.equals("GET") && rest.equals("/chats")) {
            json(exchange, 200, Map.of("items", inbox.chats()));
        } else if (method.equals("GET") && (m = match("/chats/([^/]+)/messages", rest)) != null) {
            json(exchange, 200, Map.of("items", inbox.thread(m.group(1))));
        } else if (method.equals("POST") && (m = match("/chats/([^/]+)/read", rest)) != null) {
            json(exchange, 200, Map.of("chat", m.group(1), "marked", inbox.read(m.group(1))));
        } else if (method.equals("POST") && rest.equals("/messages")) {
            json(exchange, 202, send(inbox, exchange.getRequestHeaders().getFirst("Content-Type"), body));
        } else if (method.equals("POST") && (m = match("/messages/([^/]+)/reactions", rest)) != null) {
            inbox.reacted(m.group(1), PodInbox.ME, utf8(body).path("emoji").asText());
            json(exchange, 200, inbox.message(m.group(1)).orElseThrow());
        } else if (method.equals("GET") && (m = match("/messages/([^/]+)/media", rest)) != null) {
            byte[] file = inbox.media(m.group(1)).orElse(null);
            if (file == null) {
                json(exchange, 404, Map.of("title", "Not found", "status", 404));
            } else {
                var media = (Map<?, ?>) inbox.message(m.group(1)).orElseThrow().get("media");
                bytes(exchange, 200, (String) media.get("mimeType"), file);
            }
        } else if (method.equals("PATCH") && (m = match("/messages/([^/]+)", rest)) != null) {
            inbox.edited(m.group(1), utf8(body).path("text").asText());
            json(exchange, 200, inbox.message(m.group(1)).orElseThrow());
        } else if (method.equals("DELETE") && (m = match("/messages/([^/]+)", rest)) != null && query.equals("for=everyone")) {
            inbox.revoked(m.group(1));
            json(exchange, 200, inbox.message(m.group(1)).orElseThrow());
        } else if (method.equals("GET") && rest.equals("/webhooks/deliveries")) {
            String status = query.contains("status=failed") ? "failed" : null;
            json(exchange, 200, Map.of("items", inbox.deliveries(status)));
        } else if (method.equals("POST") && (m = match("/webhooks/deliveries/([^/]+)/retry", rest)) != null
                && inbox.retry(m.group(1))) {
            json(exchange, 202, Map.of("id", m.group(1), "status", "pending"));
        } else {
            json(exchange, 404, Map.of("title", "Not found", "status", 404, "detail", method + " " + rest));
        }
    }

    /** A send as the pod stores it: JSON (text, location) or multipart (a file with its fields). */
    private static Map<String, Object> send(PodInbox inbox, String contentType, String body) throws IOException {
        if (contentType != null && contentType.startsWith("multipart/form-data")) {
            Map<String, String> parts = Multipart.parts(contentType, body);
            return inbox.file(parts.get("to"), "out", parts.get("type"), parts.get("mimeType"), parts.get("fileName"),
                    field(parts.get("caption")), parts.get("file").getBytes(StandardCharsets.ISO_8859_1));
        }
        JsonNode request = utf8(body);
        String to = request.path("to").asText();
        if ("location".equals(request.path("type").asText())) {
            return inbox.location(to, "out", JSON.convertValue(request.path("location"), Map.class));
        }
        Map<String, Object> sent = inbox.sent(to, request.path("text").asText());
        if (request.hasNonNull("quotedMessageId")) {
            sent.put("quotedMessageId", request.path("quotedMessageId").asText());
        }
        return sent;
    }

    /** A form field's text, kept as ISO-8859-1 like the rest of the body, as the UTF-8 it was sent in. */
    private static String field(String value) {
        return value == null ? null : new String(value.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** A JSON body, kept as ISO-8859-1 text (so a file's bytes survive), read as the UTF-8 it was sent in. */
    private static JsonNode utf8(String body) throws IOException {
        return JSON.readTree(body.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Matcher match(String regex, String rest) {
        Matcher m = Pattern.compile("^" + regex + "$").matcher(rest);
        return m.matches() ? m : null;
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        bytes(exchange, status, status >= 400 ? "application/problem+json" : "application/json", JSON.writeValueAsBytes(body));
    }

    private static void bytes(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** The fields of a {@code multipart/form-data} body, each value as ISO-8859-1 text (bytes kept). */
    static final class Multipart {

        private static final Pattern NAME = Pattern.compile("name=\"([^\"]+)\"");

        static Map<String, String> parts(String contentType, String body) {
            String boundary = "--" + URLDecoder.decode(contentType.replaceFirst(".*boundary=", ""), StandardCharsets.UTF_8);
            Map<String, String> parts = new java.util.HashMap<>();
            for (String part : body.split(Pattern.quote(boundary))) {
                int headersEnd = part.indexOf("\r\n\r\n");
                Matcher name = NAME.matcher(headersEnd < 0 ? "" : part.substring(0, headersEnd));
                if (name.find()) {
                    String value = part.substring(headersEnd + 4);
                    parts.put(name.group(1), value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value);
                }
            }
            return parts;
        }
    }
}
