package io.kubezap.gateway;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for session pods: one HTTP server the gateway's session URL points at. It answers only calls carrying
 * the pod key {@link #POD_KEY} (401 otherwise, as a pod does) and echoes what it received, so tests can see what
 * the gateway forwarded.
 */
public class SessionPodStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String POD_KEY = "pod-key-of-the-session";

    /** What reached the stand-in: method, path with query, the key it carried, the Authorization and traceparent headers, body. */
    public record Received(String method, String uri, String apiKey, String authorization, String traceparent, String body) {
    }

    public static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    /** Each session's current QR payload, which {@code …/qr?format=png} renders as a pod does. */
    public static final Map<String, String> QR_CODES = new ConcurrentHashMap<>();
    public static final String PAIRING_CODE = "KZAP-2024";
    /** The WebAuthn challenge the pod shows while WhatsApp waits for the account's passkey. */
    public static final String PASSKEY_CHALLENGE = "q83vEjRWeJq83vEjRWeJ";
    /** The chat of every stored message the stand-in shows ({@code GET …/messages/{id}}). */
    public static final String MESSAGE_CHAT = "5511977770001@s.whatsapp.net";
    /** The file of every stored message ({@code GET …/messages/{id}/media}). */
    public static final byte[] MEDIA_FILE = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        server = loopback(this::answer);
        return sessionUrl(server);
    }

    /** A started HTTP server on a free loopback port, answering every request with {@code handler}. */
    public static HttpServer loopback(HttpHandler handler) {
        try {
            HttpServer started = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            started.createContext("/", handler);
            started.start();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the stand-in serves for a message's {@code …/media?format=mp3}: an MP3 frame header and some sound. */
    public static final byte[] VOICE_AS_MP3 = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, 0x64, 0, 1, 2, 3, (byte) 0xFE, 0x7F};

    /** The gateway's setting that makes {@code server} stand in for every session pod. */
    public static Map<String, String> sessionUrl(HttpServer server) {
        return Map.of("kubezap.gateway.session-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String apiKey = exchange.getRequestHeaders().getFirst("X-Api-Key");
        RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), apiKey,
                exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("traceparent"), body));
        if (!POD_KEY.equals(apiKey)) {
            reply(exchange, 401, "application/problem+json", "{\"title\":\"Unauthorized\",\"status\":401}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if ("POST".equals(exchange.getRequestMethod()) && path.matches(".*/(messages|product|albums|buttons|lists|carousel)$")) {
            exchange.getResponseHeaders().add("Location", path + "/m-1");
            reply(exchange, 202, "application/json", "{\"id\":\"m-1\",\"received\":" + body + "}");
            return;
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.matches(".*/messages/[^/]+/forward$")) {
            reply(exchange, 202, "application/json", "{\"id\":\"m-2\",\"forwarded\":" + body + "}");
            return;
        }
        if ("GET".equals(exchange.getRequestMethod()) && path.endsWith("/messages")) {
            reply(exchange, 200, "application/json", "{\"items\":[{\"id\":\"m-1\",\"text\":\"hi\"}],\"next\":null}");
            return;
        }
        if ("GET".equals(exchange.getRequestMethod()) && path.matches(".*/messages/[^/]+$")) {
            reply(exchange, 200, "application/json", "{\"id\":\"" + path.substring(path.lastIndexOf('/') + 1)
                    + "\",\"chat\":\"" + MESSAGE_CHAT + "\"}");
            return;
        }
        if (path.endsWith("/media") && "format=mp3".equals(exchange.getRequestURI().getRawQuery())) {
            replyBytes(exchange, 200, "audio/mpeg", VOICE_AS_MP3);
            return;
        }
        if ("GET".equals(exchange.getRequestMethod()) && path.matches(".*/messages/[^/]+/media$")) {
            replyBytes(exchange, 200, "image/png", MEDIA_FILE);
            return;
        }
        String session = path.replaceFirst("^/api/v1/sessions/([^/]+)/.*$", "$1");
        if (path.endsWith("/qr") && "format=png".equals(exchange.getRequestURI().getRawQuery())
                && QR_CODES.containsKey(session)) {
            replyBytes(exchange, 200, "image/png", png(QR_CODES.get(session)));
            return;
        }
        if ("POST".equals(exchange.getRequestMethod()) && path.endsWith("/pairing-code")) {
            reply(exchange, 200, "application/json", "{\"code\":\"" + PAIRING_CODE
                    + "\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}");
            return;
        }
        if (path.endsWith("/pairing/passkey")) {
            if ("POST".equals(exchange.getRequestMethod())) {
                reply(exchange, 200, "application/json", "{\"phase\":\"WaitingForPasskey\"}");
            } else {
                reply(exchange, 200, "application/json", "{\"challenge\":\"" + PASSKEY_CHALLENGE
                        + "\",\"rpId\":\"whatsapp.com\",\"requestOptions\":\"{\\\"challenge\\\":\\\"" + PASSKEY_CHALLENGE
                        + "\\\",\\\"rpId\\\":\\\"whatsapp.com\\\"}\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}");
            }
            return;
        }
        if ("PUT".equals(exchange.getRequestMethod()) && path.endsWith("/ai-responder")) {
            reply(exchange, 200, "application/json", "{\"configured\":true," + body.substring(1));
            return;
        }
        if (path.endsWith("/qr")) {
            reply(exchange, 200, "application/json", "{\"code\":\"2@qr-from-the-pod\",\"query\":\""
                    + exchange.getRequestURI().getRawQuery() + "\"}");
            return;
        }
        reply(exchange, 404, "application/problem+json", "{\"title\":\"Not found\",\"status\":404}");
    }

    /** The QR of {@code code} as a pod renders it for {@code …/qr?format=png}. */
    public static byte[] png(String code) throws IOException {
        try {
            BitMatrix matrix = new QRCodeWriter().encode(code, BarcodeFormat.QR_CODE, 264, 264);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IOException(e);
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        replyBytes(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void replyBytes(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
