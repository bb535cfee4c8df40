package io.kubezap.session.airesponder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.automation.autoreply.AiResponderSettings;
import io.kubezap.session.egress.CheckedHttp;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * One exchange with an OpenAI-compatible chat-completions endpoint ({@code POST {baseUrl}/chat/completions}) over the
 * pod's Vert.x client, connected to the address the egress rule checked ({@link CheckedHttp}, as Chatwoot): the model, the messages, and either one JSON answer
 * ({@code choices[0].message.content}) or, with {@code stream}, server-sent events whose {@code data:} chunks carry
 * {@code choices[0].delta.content} until {@code data: [DONE]}; the pieces are joined, since a WhatsApp message is sent
 * whole. The whole exchange, streamed or not, must end within the settings' timeout. The API key is sent as a bearer token and never put in an error.
 */
public class ChatCompletions {

    private static final int ERROR_BODY_MAX = 500;

    /** One message of the conversation: role system, user or assistant. */
    public record Turn(String role, String content) {
    }

    /** No answer: the endpoint's error (its HTTP status), a timeout or a refused or broken exchange (status 0). */
    public static final class Failed extends Exception {

        private final int status;

        Failed(String message, int status) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** The most an answer may be: a WhatsApp text is at most 65,536 characters, a stream of it some times more. */
    public static final int MAX_ANSWER = 4 * 1024 * 1024;

    private final CheckedHttp http;
    private final ObjectMapper json;

    /** {@code http}: checked by the pod's egress rule (the URL is the tenant's). */
    public ChatCompletions(CheckedHttp http, ObjectMapper json) {
        this.http = http;
        this.json = json;
    }

    /** The assistant's answer to {@code messages}. */
    public String complete(AiResponderSettings settings, Optional<String> apiKey, List<Turn> messages) throws Failed {
        String host = settings.completionsUri().getHost();
        CheckedHttp.Answer answer;
        try {
            answer = http.exchange(HttpMethod.POST, settings.completionsUri(), headers(settings, apiKey), body(settings, messages),
                    settings.timeout());
        } catch (CheckedHttp.Refused refused) {
            throw new Failed("not sent to " + host + ": " + refused.getMessage(), 0);
        } catch (TimeoutException late) {
            throw new Failed("no answer within " + seconds(settings.timeout()) + " from " + host, 0);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted", 0);
        } catch (IOException broken) {
            throw new Failed(host + ": " + broken.getMessage(), 0);
        }
        return text(host, answer, settings.stream());
    }

    private static MultiMap headers(AiResponderSettings settings, Optional<String> apiKey) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "application/json")
                .add("Accept", settings.stream() ? "text/event-stream" : "application/json");
        apiKey.filter(key -> !key.isBlank()).ifPresent(key -> headers.add("Authorization", "Bearer " + key.strip()));
        return headers;
    }

    private byte[] body(AiResponderSettings settings, List<Turn> messages) throws Failed {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", settings.model());
        body.put("messages", messages);
        body.put("stream", settings.stream());
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException unwritable) {
            throw new Failed("the request could not be written: " + unwritable.getMessage(), 0);
        }
    }

    private String text(String host, CheckedHttp.Answer answer, boolean stream) throws Failed {
        InputStream body = new ByteArrayInputStream(answer.body());
        try {
            if (answer.status() != 200) {
                throw new Failed(host + " answered " + answer.status() + ": " + error(body), answer.status());
            }
            boolean events = String.valueOf(answer.headers().get("Content-Type")).startsWith("text/event-stream");
            String text = stream && events ? streamed(body) : whole(body);
            if (text.isBlank()) {
                throw new Failed(host + " answered no text", 0);
            }
            return text.strip();
        } catch (IOException unreadable) {
            throw new Failed(host + " answered what cannot be read: " + unreadable.getMessage(), 0);
        }
    }

    /** {@code data:} lines until {@code [DONE]}; comments, event names and blank lines are skipped. */
    private String streamed(InputStream body) throws IOException, Failed {
        StringBuilder text = new StringBuilder();
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (!line.startsWith("data:")) {
                continue;
            }
            String data = line.substring("data:".length()).strip();
            if (data.equals("[DONE]")) {
                return text.toString();
            }
            JsonNode chunk = json.readTree(data);
            if (chunk.has("error")) {
                throw new Failed("the stream ended with an error: " + chunk.path("error").path("message").asText(chunk.path("error").toString()), 0);
            }
            text.append(chunk.path("choices").path(0).path("delta").path("content").asText(""));
        }
        return text.toString();
    }

    private String whole(InputStream body) throws IOException {
        return json.readTree(body).path("choices").path(0).path("message").path("content").asText("");
    }

    /** The server's {@code error.message}, else the start of what it said. */
    private String error(InputStream body) throws IOException {
        String said = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        try {
            JsonNode message = json.readTree(said).path("error").path("message");
            if (message.isTextual()) {
                return message.asText();
            }
        } catch (IOException notJson) {
            // said as it is, below
        }
        return said.length() > ERROR_BODY_MAX ? said.substring(0, ERROR_BODY_MAX) : said;
    }

    private static String seconds(Duration timeout) {
        return timeout.toSeconds() + "s";
    }
}
