package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.egress.EgressRule;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Chatwoot's Application API for one account ({@code /api/v1/accounts/{account_id}/…}), authenticated with the
 * {@code api_access_token} header, over the JDK's HTTP client. The token is sent and never put in an error, a log line
 * or a stored row. Every call's host is checked against the pod's egress rule first (the URL is the tenant's).
 */
final class ChatwootClient {

    static final String TOKEN_HEADER = "api_access_token";

    private final URI account;
    private final String token;
    private final Duration timeout;
    private final EgressRule egress;
    private final ObjectMapper json;
    private final HttpClient http;

    ChatwootClient(String baseUrl, long accountId, String token, Duration timeout, EgressRule egress, ObjectMapper json) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.account = URI.create(base + "/api/v1/accounts/" + accountId);
        this.token = token;
        this.timeout = timeout;
        this.egress = egress;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    JsonNode post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))));
    }

    JsonNode patch(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes(body))));
    }

    /** A message with files: {@code multipart/form-data}, each file as an {@code attachments[]} part. */
    JsonNode postMultipart(String path, Map<String, String> fields, List<Attachment> files) {
        String boundary = "kubezap-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        fields.forEach((name, value) -> part(body, boundary, "Content-Disposition: form-data; name=\"" + name + "\"\r\n",
                value.getBytes(StandardCharsets.UTF_8)));
        for (Attachment file : files) {
            part(body, boundary, "Content-Disposition: form-data; name=\"attachments[]\"; filename=\""
                    + file.fileName().replace("\"", "") + "\"\r\nContent-Type: " + file.mimeType() + "\r\n", file.bytes());
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** A file of a message, as Chatwoot stores it. */
    record Attachment(String fileName, String mimeType, byte[] bytes) {
    }

    private static void part(ByteArrayOutputStream body, String boundary, String headers, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path) {
        URI target = URI.create(account + path);
        EgressRule.Target checked = egress.check(target);
        if (!checked.allowed()) {
            throw new ChatwootException("not sent to Chatwoot: " + checked.refusal(), 0);
        }
        return HttpRequest.newBuilder(target).timeout(timeout).header(TOKEN_HEADER, token).header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpRequest built = request.build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new ChatwootException(built.method() + " " + built.uri().getPath() + ": " + e, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatwootException("interrupted", 0);
        }
        int status = response.statusCode();
        if (status / 100 != 2) {
            String said = new String(response.body(), StandardCharsets.UTF_8);
            throw new ChatwootException(built.method() + " " + built.uri().getPath() + " answered " + status + ": "
                    + (said.length() > 300 ? said.substring(0, 300) : said), status);
        }
        try {
            return response.body().length == 0 ? json.createObjectNode() : json.readTree(response.body());
        } catch (IOException e) {
            throw new ChatwootException(built.method() + " " + built.uri().getPath() + " answered no JSON", 502);
        }
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
