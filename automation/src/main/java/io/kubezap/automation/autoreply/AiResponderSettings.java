package io.kubezap.automation.autoreply;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code spec.autoReply.ai}: a one-to-one text that no keyword rule, greeting or away message answered is answered by an
 * OpenAI-compatible chat-completions endpoint ({@code POST {baseUrl}/chat/completions}) when its 'when' holds, with the
 * system prompt and the chat's last {@code memoryMessages} turns; silent for {@code pauseAfterHuman} after a person
 * answered the chat. The API key is not here: it comes from a Secret, as its own variable.
 */
public record AiResponderSettings(URI completionsUri, String model, Optional<String> systemPrompt,
                                  Optional<CelCondition> when, boolean stream, int memoryMessages,
                                  Duration pauseAfterHuman, Duration timeout, int maxPerChatPerDay, int maxPerDay) {

    /** Why a text the responder would answer is not answered: what a contact alone cannot run up. */
    public enum Limit {
        CHAT_CAP("chat-cap"), DAILY_CAP("daily-cap"), TOO_FAST("too-fast");

        private final String reason;

        Limit(String reason) {
            this.reason = reason;
        }

        /** The name metrics, events and logs give it. */
        public String reason() {
            return reason;
        }
    }

    static final int DEFAULT_MAX_PER_CHAT_PER_DAY = 50;
    static final int DEFAULT_MAX_PER_DAY = 1000;
    /** A person types at most this many characters a second on a phone; a reply that came sooner was not typed. */
    private static final int TYPED_CHARACTERS_PER_SECOND = 10;
    private static final Duration LEAST_HUMAN_ANSWER = Duration.ofSeconds(1);
    /** Texts in a row typed too fast after which a chat is no longer answered (a person may be quick once or twice). */
    static final int FAST_IN_A_ROW = 3;
    static final int DEFAULT_MEMORY_MESSAGES = 20;
    static final int MAX_MEMORY_MESSAGES = 200;
    private static final int DEFAULT_PAUSE_MINUTES = 30;
    private static final int DEFAULT_TIMEOUT_SECONDS = 60;

    /** The section's shape, as the operator writes it; {@code apiKeyRef} is the operator's. */
    record Spec(String baseUrl, String model, Object apiKeyRef, String systemPrompt, String when, Boolean stream,
                Integer memoryMessages, Integer pauseAfterHumanMinutes, Integer timeoutSeconds,
                Integer maxRepliesPerChatPerDay, Integer maxRepliesPerDay) {
    }

    boolean speaks(ReplyContext context) {
        return when.map(condition -> condition.holds(context)).orElse(true);
    }

    /**
     * What keeps a text from being answered, given the responder's answers today in its chat and in all chats, and how
     * many texts in a row the contact wrote back faster than a person types ({@link #typedTooFast}): from
     * {@value #FAST_IN_A_ROW} on it is taken for a program, and two programs answering each other never stop.
     */
    public Optional<Limit> limit(int chatToday, int allToday, int fastInARow) {
        if (allToday >= maxPerDay) {
            return Optional.of(Limit.DAILY_CAP);
        }
        if (chatToday >= maxPerChatPerDay) {
            return Optional.of(Limit.CHAT_CAP);
        }
        return fastInARow >= FAST_IN_A_ROW ? Optional.of(Limit.TOO_FAST) : Optional.empty();
    }

    /**
     * Whether {@code text}, written at {@code written}, came sooner after the responder's last answer went out than a
     * person could type it ({@value #TYPED_CHARACTERS_PER_SECOND} characters a second, at least a second).
     */
    public static boolean typedTooFast(Optional<Instant> lastAnswerSent, Instant written, String text) {
        Duration typing = Duration.ofMillis(1000L * (text == null ? 0 : text.length()) / TYPED_CHARACTERS_PER_SECOND);
        Duration least = typing.compareTo(LEAST_HUMAN_ANSWER) > 0 ? typing : LEAST_HUMAN_ANSWER;
        return lastAnswerSent.filter(sent -> !written.isBefore(sent) && written.isBefore(sent.plus(least))).isPresent();
    }

    static AiResponderSettings read(Spec spec) {
        String where = "spec.autoReply.ai";
        if (spec.model() == null || spec.model().isBlank()) {
            throw new IllegalArgumentException(where + ".model is required (the model the endpoint serves, e.g. gpt-4o-mini)");
        }
        int memory = within(where + ".memoryMessages", spec.memoryMessages(), DEFAULT_MEMORY_MESSAGES, 1, MAX_MEMORY_MESSAGES);
        int pause = within(where + ".pauseAfterHumanMinutes", spec.pauseAfterHumanMinutes(), DEFAULT_PAUSE_MINUTES, 0, 10080);
        int timeout = within(where + ".timeoutSeconds", spec.timeoutSeconds(), DEFAULT_TIMEOUT_SECONDS, 1, 600);
        int perChat = within(where + ".maxRepliesPerChatPerDay", spec.maxRepliesPerChatPerDay(), DEFAULT_MAX_PER_CHAT_PER_DAY, 1, 10000);
        int perDay = within(where + ".maxRepliesPerDay", spec.maxRepliesPerDay(), DEFAULT_MAX_PER_DAY, 1, 1000000);
        return new AiResponderSettings(completions(where + ".baseUrl", spec.baseUrl()), spec.model(),
                Optional.ofNullable(spec.systemPrompt()).filter(prompt -> !prompt.isBlank()), when(where + ".when", spec.when()),
                Boolean.TRUE.equals(spec.stream()), memory, Duration.ofMinutes(pause), Duration.ofSeconds(timeout), perChat, perDay);
    }

    /** {@code baseUrl} + {@code /chat/completions}, the way OpenAI's clients join them. */
    private static URI completions(String where, String baseUrl) {
        try {
            URI base = new URI(baseUrl == null ? "" : baseUrl.strip());
            if (!("http".equals(base.getScheme()) || "https".equals(base.getScheme())) || base.getHost() == null) {
                throw new URISyntaxException(String.valueOf(baseUrl), "not an http(s) URL with a host");
            }
            // '/chat/completions' is appended: after a query or a fragment it would not be the path, and credentials
            // before the host hide where the request goes
            if (base.getRawQuery() != null || base.getRawFragment() != null || base.getRawUserInfo() != null) {
                throw new IllegalArgumentException(where + " '" + baseUrl + "' must have no query (?), fragment (#) or credentials (@):"
                        + " the pod appends /chat/completions to it");
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
