package io.kubezap.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/**
 * {@code spec.autoReply.ai}: one-to-one texts that no keyword rule, greeting or away message answered are answered by an
 * OpenAI-compatible chat-completions endpoint, with a system prompt and a per-chat memory.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AiResponder {

    @JsonPropertyDescription("The OpenAI-compatible API's base URL; the pod POSTs to {baseUrl}/chat/completions. E.g. https://api.openai.com/v1, http://ollama.ai.svc:11434/v1, or an LLM gateway. A private address must be allowed by the cluster admin (the operator's media-url-allow-list), like webhooks. No query (?), fragment (#) or credentials (@).")
    @Required
    @Size(max = 2048)
    @Pattern(Chatwoot.BASE_URL_PATTERN)
    private String baseUrl;

    @JsonPropertyDescription("The model the endpoint serves, e.g. gpt-4o-mini or llama3.1.")
    @Required
    @Size(min = 1, max = 256)
    private String model;

    @JsonPropertyDescription("The Secret key holding the API key, sent as 'Authorization: Bearer <key>'. None: no Authorization header (a local server).")
    private SecretKeyRef apiKeyRef;

    @JsonPropertyDescription("The system prompt: who the assistant is and how it answers.")
    @Size(max = 16384)
    private String systemPrompt;

    @JsonPropertyDescription("A CEL expression that must be true for the responder to answer, over text, chat, pushName, firstContact and withinBusinessHours (as a rule's 'when'); e.g. withinBusinessHours && !text.startsWith('#'). None: it answers every one-to-one text the rules leave unanswered.")
    @Size(min = 1, max = 2048)
    private String when;

    @JsonPropertyDescription("Ask for a streamed answer (server-sent events); the reply is still sent as one message once it is complete. Default false.")
    private Boolean stream;

    @JsonPropertyDescription("How many messages of each chat (the contact's texts and the responder's answers) are remembered and sent along. Default 20.")
    @Min(1)
    @Max(200)
    private Integer memoryMessages;

    @JsonPropertyDescription("The responder stays silent in a chat for this many minutes after a person answered it (from the phone, the dashboard, Chatwoot or the API). 0: never pauses. Default 30.")
    @Min(0)
    @Max(10080)
    private Integer pauseAfterHumanMinutes;

    @JsonPropertyDescription("The endpoint must answer completely within this many seconds; otherwise nothing is sent. Default 60.")
    @Min(1)
    @Max(600)
    private Integer timeoutSeconds;

    @JsonPropertyDescription("At most this many answers a day in one chat (the day of spec.autoReply.timeZone); a contact's further texts are not answered (counted in kubezap_auto_replies_dropped_total, reason chat-cap). Default 50.")
    @Min(1)
    @Max(10000)
    private Integer maxRepliesPerChatPerDay;

    @JsonPropertyDescription("At most this many answers a day in all chats together (reason daily-cap). Default 1000. Besides both caps, a contact who writes back sooner than a person could type the text (10 characters a second), three times in a row, is not answered (reason too-fast): two bots do not answer each other for ever.")
    @Min(1)
    @Max(1000000)
    private Integer maxRepliesPerDay;

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }

    public String getModel() { return model; }
    public void setModel(String model) { this.model = model; }

    public SecretKeyRef getApiKeyRef() { return apiKeyRef; }
    public void setApiKeyRef(SecretKeyRef apiKeyRef) { this.apiKeyRef = apiKeyRef; }

    public String getSystemPrompt() { return systemPrompt; }
    public void setSystemPrompt(String systemPrompt) { this.systemPrompt = systemPrompt; }

    public String getWhen() { return when; }
    public void setWhen(String when) { this.when = when; }

    public Boolean getStream() { return stream; }
    public void setStream(Boolean stream) { this.stream = stream; }

    public Integer getMemoryMessages() { return memoryMessages; }
    public void setMemoryMessages(Integer memoryMessages) { this.memoryMessages = memoryMessages; }

    public Integer getPauseAfterHumanMinutes() { return pauseAfterHumanMinutes; }
    public void setPauseAfterHumanMinutes(Integer minutes) { this.pauseAfterHumanMinutes = minutes; }

    public Integer getMaxRepliesPerChatPerDay() { return maxRepliesPerChatPerDay; }
    public void setMaxRepliesPerChatPerDay(Integer max) { this.maxRepliesPerChatPerDay = max; }

    public Integer getMaxRepliesPerDay() { return maxRepliesPerDay; }
    public void setMaxRepliesPerDay(Integer max) { this.maxRepliesPerDay = max; }

    public Integer getTimeoutSeconds() { return timeoutSeconds; }
    public void setTimeoutSeconds(Integer timeoutSeconds) { this.timeoutSeconds = timeoutSeconds; }
}
