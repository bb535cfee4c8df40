package io.kubezap.automation.autoreply;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code spec.autoReply.ai}: a one-to-one text that no keyword rule, greeting or away message answered is answered by an
 * OpenAI-compatible chat-completions endpoint ({@code POST {baseUrl}/chat/completions}) when its 'when' holds, with the
 * system prompt and the chat's last {@code memoryMessages} turns; silent for {@code pauseAfterHuman} after a person
 * answered the chat. The API key is not here: it comes from a Secret, as its own variable.
 */
public record AiResponderSettings(URI completionsUri, String model, Optional<String> systemPrompt,
                                  Optional<CelCondition> when, boolean stream, int memoryMessages,
                                  Duration pauseAfterHuman, Duration timeout) {

    static final int DEFAULT_MEMORY_MESSAGES = 20;
    static final int MAX_MEMORY_MESSAGES = 200;
    private static final int DEFAULT_PAUSE_MINUTES = 30;
    private static final int DEFAULT_TIMEOUT_SECONDS = 60;

    /** The section's shape, as the operator writes it; {@code apiKeyRef} is the operator's. */
    record Spec(String baseUrl, String model, Object apiKeyRef, String systemPrompt, String when, Boolean stream,
                Integer memoryMessages, Integer pauseAfterHumanMinutes, Integer timeoutSeconds) {
    }

    boolean speaks(ReplyContext context) {
        return when.map(condition -> condition.holds(context)).orElse(true);
    }

    static AiResponderSettings read(Spec spec) {
        String where = "spec.autoReply.ai";
        if (spec.model() == null || spec.model().isBlank()) {
            throw new IllegalArgumentException(where + ".model is required (the model the endpoint serves, e.g. gpt-4o-mini)");
        }
        int memory = within(where + ".memoryMessages", spec.memoryMessages(), DEFAULT_MEMORY_MESSAGES, 1, MAX_MEMORY_MESSAGES);
        int pause = within(where + ".pauseAfterHumanMinutes", spec.pauseAfterHumanMinutes(), DEFAULT_PAUSE_MINUTES, 0, 10080);
        int timeout = within(where + ".timeoutSeconds", spec.timeoutSeconds(), DEFAULT_TIMEOUT_SECONDS, 1, 600);
        return new AiResponderSettings(completions(where + ".baseUrl", spec.baseUrl()), spec.model(),
                Optional.ofNullable(spec.systemPrompt()).filter(prompt -> !prompt.isBlank()), when(where + ".when", spec.when()),
                Boolean.TRUE.equals(spec.stream()), memory, Duration.ofMinutes(pause), Duration.ofSeconds(timeout));
    }

    /** {@code baseUrl} + {@code /chat/completions}, the way OpenAI's clients join them. */
    private static URI completions(String where, String baseUrl) {
        try {
            URI base = new URI(baseUrl == null ? "" : baseUrl.strip());
            if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
                throw new URISyntaxException(String.valueOf(baseUrl), "not an http(s) URL with a host");
            }
            return URI.create(base.toString().replaceAll("/+$", "") + "/chat/completions");
        } catch (URISyntaxException invalid) {
            throw new IllegalArgumentException(where + " '" + baseUrl + "' is not an http(s) URL of an OpenAI-compatible API"
                    + " (e.g. https://api.openai.com/v1 or http://ollama:11434/v1)");
        }
    }

    private static Optional<CelCondition> when(String where, String expression) {
        try {
            return Optional.ofNullable(expression).map(CelCondition::compile);
        } catch (CelCondition.OverBudget tooCostly) {
            throw new IllegalArgumentException(where + " is over its cost budget: " + tooCostly.getMessage());
        } catch (IllegalArgumentException invalid) {
            throw new IllegalArgumentException(where + " is not a boolean CEL expression over text, chat, pushName,"
                    + " firstContact and withinBusinessHours: " + invalid.getMessage());
        }
    }

    private static int within(String where, Integer value, int otherwise, int min, int max) {
        int chosen = value == null ? otherwise : value;
        if (chosen < min || chosen > max) {
            throw new IllegalArgumentException(where + " must be between " + min + " and " + max + ", not " + chosen);
        }
        return chosen;
    }
}
