package io.kubezap.session.airesponder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.automation.autoreply.AiResponderSettings;
import io.kubezap.session.egress.EgressRule;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One exchange with an OpenAI-compatible chat-completions endpoint ({@code POST {baseUrl}/chat/completions}) over the
 * JDK's HTTP client, as the Chatwoot connector talks to Chatwoot: the model, the messages, and either one JSON answer
 * ({@code choices[0].message.content}) or, with {@code stream}, server-sent events whose {@code data:} chunks carry
 * {@code choices[0].delta.content} until {@code data: [DONE]}; the pieces are joined, since a WhatsApp message is sent
 * whole. The whole exchange, streamed or not, must end within the settings' timeout. The host is checked against the
 * pod's egress rule first (the URL is the tenant's). The API key is sent as a bearer token and never put in an error.
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

    private final EgressRule egress;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService exchanges = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("ai-responder-http").factory());

    public ChatCompletions(EgressRule egress, ObjectMapper json) {
        this.egress = egress;
        this.json = json;
    }

    /** The assistant's answer to {@code messages}. */
    public String complete(AiResponderSettings settings, Optional<String> apiKey, List<Turn> messages) throws Failed {
        EgressRule.Target target = egress.check(settings.completionsUri());
        if (!target.allowed()) {
            throw new Failed("not sent to " + settings.completionsUri().getHost() + ": " + target.refusal(), 0);
        }
        HttpRequest request = request(settings, apiKey, messages);
        Future<String> answer = exchanges.submit(() -> exchange(request, settings.stream()));
        try {
            return answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            answer.cancel(true);
            throw noAnswerInTime(settings);
        } catch (InterruptedException stopped) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new Failed("interrupted", 0);
        } catch (ExecutionException broken) {
            if (broken.getCause() instanceof Failed failed) {
                throw failed;
            }
            // the request's own timeout (the same as the exchange's) may fire first: the same failure
            if (broken.getCause() instanceof java.net.http.HttpTimeoutException) {
                throw noAnswerInTime(settings);
            }
            throw new Failed(settings.completionsUri().getHost() + ": " + broken.getCause(), 0);
        }
    }

    private static Failed noAnswerInTime(AiResponderSettings settings) {
        return new Failed("no answer within " + seconds(settings.timeout()) + " from " + settings.completionsUri().getHost(), 0);
    }

    private HttpRequest request(AiResponderSettings settings, Optional<String> apiKey, List<Turn> messages) throws Failed {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", settings.model());
        body.put("messages", messages);
        body.put("stream", settings.stream());
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException unwritable) {
            throw new Failed("the request could not be written: " + unwritable.getMessage(), 0);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.completionsUri())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", settings.stream() ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        apiKey.filter(key -> !key.isBlank()).ifPresent(key -> request.header("Authorization", "Bearer " + key.strip()));
        return request.build();
    }

    private String exchange(HttpRequest request, boolean stream) throws IOException, InterruptedException, Failed {
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new Failed(request.uri().getHost() + " answered " + response.statusCode() + ": " + error(body), response.statusCode());
            }
            boolean events = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            String text = stream && events ? streamed(body) : whole(body);
            if (text.isBlank()) {
                throw new Failed(request.uri().getHost() + " answered no text", 0);
            }
            return text.strip();
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
