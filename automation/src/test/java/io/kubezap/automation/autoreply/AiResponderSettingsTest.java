package io.kubezap.automation.autoreply;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** spec.autoReply.ai as the pod reads it: defaults, its 'when', its place after the rules, and what it refuses. */
class AiResponderSettingsTest {

    private static final String CHAT = "5511988880001@s.whatsapp.net";
    private static final Instant AT = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void anAiSectionAloneSwitchesAutoRepliesOnWithItsDefaults() {
        AutoReplySettings settings = AutoReplySettings.parse("""
                {"ai": {"baseUrl": "http://llm.local:8080/v1/", "model": "qwen3"}}""");

        assertThat(settings.enabled()).isTrue();
        AiResponderSettings ai = settings.ai().orElseThrow();
        assertThat(ai.completionsUri()).isEqualTo(URI.create("http://llm.local:8080/v1/chat/completions"));
        assertThat(ai.model()).isEqualTo("qwen3");
        assertThat(ai.systemPrompt()).isEmpty();
        assertThat(ai.stream()).isFalse();
        assertThat(ai.memoryMessages()).isEqualTo(AiResponderSettings.DEFAULT_MEMORY_MESSAGES);
        assertThat(ai.pauseAfterHuman()).isEqualTo(Duration.ofMinutes(30));
        assertThat(ai.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.responderFor("oi", CHAT, "Ana", true, AT)).contains(ai);
    }

    @Test
    void itsWhenDecidesWhetherItSpeaks() {
        AutoReplySettings settings = AutoReplySettings.parse("""
                {"ai": {"baseUrl": "https://api.example/v1", "model": "m", "systemPrompt": "Be brief.", "stream": true,
                        "memoryMessages": 4, "pauseAfterHumanMinutes": 5, "timeoutSeconds": 7,
                        "when": "!text.startsWith('#') && pushName != 'Bot'"}}""");

        assertThat(settings.responderFor("qual o horário?", CHAT, "Ana", false, AT)).isPresent();
        assertThat(settings.responderFor("#interno", CHAT, "Ana", false, AT)).isEmpty();
        assertThat(settings.responderFor("oi", CHAT, "Bot", false, AT)).isEmpty();
        AiResponderSettings ai = settings.ai().orElseThrow();
        assertThat(ai.systemPrompt()).contains("Be brief.");
        assertThat(ai.stream()).isTrue();
        assertThat(ai.memoryMessages()).isEqualTo(4);
        assertThat(ai.pauseAfterHuman()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ai.timeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void aKeywordRuleStillAnswersBeforeTheResponder() {
        AutoReplySettings settings = AutoReplySettings.parse("""
                {"rules": [{"name": "prices", "keywords": ["preco"], "reply": "Tabela"}],
                 "ai": {"baseUrl": "http://llm/v1", "model": "m"}}""");

        assertThat(settings.choose("o preço?", CHAT, null, false, AT, 0)).contains(new AutoReplySettings.Reply("prices", "Tabela"));
        assertThat(settings.choose("bom dia", CHAT, null, false, AT, 0)).isEmpty();
        assertThat(settings.responderFor("bom dia", CHAT, null, false, AT)).isPresent();
    }

    @Test
    void withoutAnAiSectionNothingResponds() {
        AutoReplySettings settings = AutoReplySettings.parse("""
                {"greetingMessage": "Olá"}""");

        assertThat(settings.ai()).isEmpty();
        assertThat(settings.responderFor("oi", CHAT, null, true, AT)).isEmpty();
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> AutoReplySettings.parse("""
                {"ai": {"baseUrl": "ftp://llm/v1", "model": "m"}}"""))
                .hasMessageContaining("spec.autoReply.ai.baseUrl");
        assertThatThrownBy(() -> AutoReplySettings.parse("""
                {"ai": {"baseUrl": "http://llm/v1"}}"""))
                .hasMessageContaining("spec.autoReply.ai.model");
        assertThatThrownBy(() -> AutoReplySettings.parse("""
                {"ai": {"baseUrl": "http://llm/v1", "model": "m", "when": "text + 1"}}"""))
                .hasMessageContaining("spec.autoReply.ai.when");
        assertThatThrownBy(() -> AutoReplySettings.parse("""
                {"ai": {"baseUrl": "http://llm/v1", "model": "m", "memoryMessages": 0}}"""))
                .hasMessageContaining("spec.autoReply.ai.memoryMessages");
        assertThatThrownBy(() -> AutoReplySettings.parse("""
                {"ai": {"baseUrl": "http://llm/v1", "model": "m", "maxRepliesPerChatPerDay": 0}}"""))
                .hasMessageContaining("spec.autoReply.ai.maxRepliesPerChatPerDay");
    }

    /** Issue 79 S6: '/chat/completions' appended after a query or a fragment would not be the path the egress check saw. */
    @Test
    void aBaseUrlWithAQueryAFragmentOrCredentialsIsRefused() {
        for (var baseUrl : new String[]{"http://llm.example/v1?x=", "http://llm.example/v1#", "http://user:secret@llm.example/v1",
                "https://api.example/v1?redirect=http://127.0.0.1:9000/q/metrics#"}) {
            assertThatThrownBy(() -> AutoReplySettings.parse("""
                    {"ai": {"baseUrl": "%s", "model": "m"}}""".formatted(baseUrl)))
                    .as(baseUrl).hasMessageContaining("spec.autoReply.ai.baseUrl").hasMessageContaining("no query");
        }
    }

    /** Issue 79 S5: the day's caps, then a contact that writes back faster than a person types, three times in a row. */
    @Test
    void itsLimitsHoldAContactBackAndTheirOrderIsTheDayFirst() {
        var ai = AutoReplySettings.parse("""
                {"ai": {"baseUrl": "http://llm/v1", "model": "m", "maxRepliesPerChatPerDay": 5, "maxRepliesPerDay": 8}}""").ai().orElseThrow();

        assertThat(ai.limit(4, 7, 2)).isEmpty();
        assertThat(ai.limit(5, 7, 0)).contains(AiResponderSettings.Limit.CHAT_CAP);
        assertThat(ai.limit(0, 8, 0)).contains(AiResponderSettings.Limit.DAILY_CAP);
        assertThat(ai.limit(0, 0, 3)).contains(AiResponderSettings.Limit.TOO_FAST);
        assertThat(AutoReplySettings.parse("""
                {"ai": {"baseUrl": "http://llm/v1", "model": "m"}}""").ai().orElseThrow().limit(49, 999, 0)).isEmpty();
    }

    @Test
    void aTextTypedSoonerThanAPersonCouldAfterTheLastAnswerIsTooFast() {
        var sent = java.util.Optional.of(AT);
        String text = "Entendi, pode me contar mais?"; // 29 characters: 2.9 s of typing

        assertThat(AiResponderSettings.typedTooFast(sent, AT.plusMillis(500), text)).isTrue();
        assertThat(AiResponderSettings.typedTooFast(sent, AT.plusMillis(2800), text)).isTrue();
        assertThat(AiResponderSettings.typedTooFast(sent, AT.plusMillis(3000), text)).isFalse();
        assertThat(AiResponderSettings.typedTooFast(sent, AT.plusMillis(900), "ok")).as("a second at least").isTrue();
        assertThat(AiResponderSettings.typedTooFast(java.util.Optional.empty(), AT, text)).as("never answered").isFalse();
        assertThat(AiResponderSettings.typedTooFast(sent, AT.minusSeconds(1), text)).as("written before the answer").isFalse();
    }
}
