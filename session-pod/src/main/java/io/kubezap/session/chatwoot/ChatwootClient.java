package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.egress.CheckedHttp;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * Chatwoot's Application API for one account ({@code /api/v1/accounts/{account_id}/…}), authenticated with the
 * {@code api_access_token} header. The token is sent and never put in an error, a log line or a stored row. Every call
 * goes to the address the pod's egress rule checked ({@link CheckedHttp}: the URL is the tenant's, and its name may
 * answer DNS differently afterwards).
 */
final class ChatwootClient {

    static final String TOKEN_HEADER = "api_access_token";

    /** Chatwoot's answers are pages of conversations and messages; an attachment is sent, never read. */
    static final int MAX_ANSWER = 16 * 1024 * 1024;

    private final URI account;
    private final String token;
    private final Duration timeout;
    private final CheckedHttp http;
    private final ObjectMapper json;

    ChatwootClient(String baseUrl, long accountId, String token, Duration timeout, CheckedHttp http, ObjectMapper json) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.account = URI.create(base + "/api/v1/accounts/" + accountId);
        this.token = token;
        this.timeout = timeout;
        this.http = http;
        this.json = json;
    }

    JsonNode get(String path) {
        return send(HttpMethod.GET, path, null, null);
    }

    JsonNode post(String path, Object body) {
        return send(HttpMethod.POST, path, "application/json", bytes(body));
    }

    JsonNode patch(String path, Object body) {
        return send(HttpMethod.PATCH, path, "application/json", bytes(body));
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
        return send(HttpMethod.POST, path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** A file of a message, as Chatwoot stores it. */
    record Attachment(String fileName, String mimeType, byte[] bytes) {
    }

    private static void part(ByteArrayOutputStream body, String boundary, String headers, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\n" + headers + "\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode send(HttpMethod method, String path, String contentType, byte[] body) {
        URI target = URI.create(account + path);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add(TOKEN_HEADER, token).add("Accept", "application/json");
        if (contentType != null) {
            headers.add("Content-Type", contentType);
        }
        String call = method.name() + " " + target.getPath();
        CheckedHttp.Answer answer;
        try {
            answer = http.exchange(method, target, headers, body, timeout);
        } catch (CheckedHttp.Refused refused) {
            throw new ChatwootException("not sent to Chatwoot: " + refused.getMessage(), 0);
        } catch (TimeoutException | IOException e) {
            throw new ChatwootException(call + ": " + e, 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChatwootException("interrupted", 0);
        }
        return json(call, answer);
    }

    private JsonNode json(String call, CheckedHttp.Answer answer) {
        int status = answer.status();
        if (status / 100 != 2) {
            String said = new String(answer.body(), StandardCharsets.UTF_8);
            throw new ChatwootException(call + " answered " + status + ": " + (said.length() > 300 ? said.substring(0, 300) : said), status);
        }
        try {
            return answer.body().length == 0 ? json.createObjectNode() : json.readTree(answer.body());
        } catch (IOException e) {
            throw new ChatwootException(call + " answered no JSON", 502);
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
