package io.kubezap.session.airesponder;

import io.kubezap.automation.autoreply.AiResponderSettings;
import io.kubezap.automation.autoreply.AutoReplySettings;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The chat-completions exchange against a stand-in server on loopback: both wire formats, keys, errors and timeouts. */
class ChatCompletionsTest {

    private static final List<ChatCompletions.Turn> CONVERSATION = List.of(
            new ChatCompletions.Turn("system", "Você atende a Loja."),
            new ChatCompletions.Turn("user", "Oi"),
            new ChatCompletions.Turn("assistant", "Olá! Em que posso ajudar?"),
            new ChatCompletions.Turn("user", "Vocês entregam no sábado?"));
    private static final EgressRule LOOPBACK_ALLOWED = new EgressRule(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", List.of("127.0.0.0/8")));

    private StandInChatCompletions server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "stream {0}")
    @ValueSource(booleans = {false, true})
    void theAnswersTextComesBackWholeInEitherWireFormat(boolean stream) throws Exception {
        server = StandInChatCompletions.start(request -> new StandInChatCompletions.Text("Sim, entregamos aos sábados até as 13h.", 5));

        String answer = client().complete(settings(stream, 10), Optional.of("sk-test-123"), CONVERSATION);

        assertThat(answer).isEqualTo("Sim, entregamos aos sábados até as 13h.");
        StandInChatCompletions.Request request = server.requests().getFirst();
        assertThat(request.body().path("model").asText()).isEqualTo("llama-3.1-8b");
        assertThat(request.body().path("stream").asBoolean()).isEqualTo(stream);
        assertThat(request.roles()).containsExactly("system", "user", "assistant", "user");
        assertThat(request.contents()).containsExactly("Você atende a Loja.", "Oi", "Olá! Em que posso ajudar?",
                "Vocês entregam no sábado?");
        assertThat(request.authorization()).isEqualTo("Bearer sk-test-123");
    }

    @Test
    void withoutAKeyNoAuthorizationIsSent() throws Exception {
        server = StandInChatCompletions.start(request -> new StandInChatCompletions.Text("ok", 1));

        client().complete(settings(false, 10), Optional.empty(), CONVERSATION);

        assertThat(server.requests().getFirst().authorization()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {429, 500, 401})
    void anErrorAnswerIsAFailureNamingTheStatusAndTheServersMessage(int status) throws Exception {
        server = StandInChatCompletions.start(request -> new StandInChatCompletions.Error(status, "Rate limit reached for requests"));

        assertThatThrownBy(() -> client().complete(settings(false, 10), Optional.of("sk-secret-key"), CONVERSATION))
                .isInstanceOfSatisfying(ChatCompletions.Failed.class, failed -> assertThat(failed.status()).isEqualTo(status))
                .hasMessageContaining(String.valueOf(status))
                .hasMessageContaining("Rate limit reached for requests")
                .satisfies(failed -> assertThat(failed.getMessage()).doesNotContain("sk-secret-key"));
    }

    @ParameterizedTest(name = "stream {0}")
    @ValueSource(booleans = {false, true})
    void anAnswerThatDoesNotEndInTimeIsATimeout(boolean stream) throws Exception {
        server = StandInChatCompletions.start(request -> new StandInChatCompletions.Stall(stream));

        assertThatThrownBy(() -> client().complete(settings(stream, 1), Optional.empty(), CONVERSATION))
                .isInstanceOf(ChatCompletions.Failed.class)
                .hasMessageContaining("no answer within 1s");
    }

    @Test
    void anEndpointTheEgressRuleRefusesIsNeverCalled() throws Exception {
        server = StandInChatCompletions.start(request -> new StandInChatCompletions.Text("ok", 1));
        ChatCompletions publicOnly = StandInChatCompletions.client(new EgressRule(AddressList.NONE));

        assertThatThrownBy(() -> publicOnly.complete(settings(false, 10), Optional.empty(), CONVERSATION))
                .isInstanceOf(ChatCompletions.Failed.class)
                .hasMessageContaining("KUBEZAP_MEDIA_URL_ALLOW_LIST");
        assertThat(server.requests()).isEmpty();
    }

    private ChatCompletions client() {
        return StandInChatCompletions.client(LOOPBACK_ALLOWED);
    }

    private AiResponderSettings settings(boolean stream, int timeoutSeconds) {
        return AutoReplySettings.parse("""
                {"ai": {"baseUrl": "%s", "model": "llama-3.1-8b", "stream": %s, "timeoutSeconds": %d}}"""
                .formatted(server.baseUrl(), stream, timeoutSeconds)).ai().orElseThrow();
    }
}
