package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.airesponder.StandInChatCompletions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The AI responder ({@code spec.autoReply.ai}) between simulated phones and the packaged pod, its endpoint a stand-in
 * chat-completions server on loopback (streamed answers on Baileys, whole ones on Cobalt): a phone's text is answered
 * with the stand-in's text, sent with the key and the system prompt; the next text carries the previous turn; a person
 * answering from the dashboard (the API) silences it in that chat, not in others, until the quiet time has passed; the
 * API switches it off and on in one chat.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AiResponderIT {

    private static final String OWNER = "5511999990070";
    private static final String CUSTOMER = "5511988880070";
    private static final String OTHER = "5511977770070";
    private static final String PROMPT = "Você é o atendente da Loja. Responda em uma frase.";
    private static final String KEY = "sk-e2e-0123456789";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private Conversation conversation;
    private StandInChatCompletions model;
    private final AtomicInteger answers = new AtomicInteger();
    private Instant humanAnswered;

    @BeforeParameterizedClassInvocation
    void startASessionWithTheResponder() throws Exception {
        answers.set(0); // one instance serves both engines
        model = StandInChatCompletions.start(request -> new StandInChatCompletions.Text(
                "Resposta " + answers.incrementAndGet() + " do modelo.", 3));
        Path workDir = Files.createTempDirectory(Path.of("target"), "ai-responder-it-" + engine + "-");
        Map<String, String> environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.put("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1"); // the endpoint: loopback, allowed as an in-cluster one would be
        environment.put("KUBEZAP_AUTO_REPLY_AI_API_KEY", KEY);
        world = PodAgainstSimulator.create(workDir, "loja-70", environment);
        conversation = new Conversation(world);
        world.setEnvironment("KUBEZAP_AUTO_REPLY", """
                {"ai": {"baseUrl": "%s", "model": "loja-bot", "systemPrompt": "%s", "stream": %s,
                        "memoryMessages": 10, "pauseAfterHumanMinutes": 1, "timeoutSeconds": 30}}"""
                .formatted(model.baseUrl(), PROMPT, engine == EngineKind.Baileys));
        world.startLinked(OWNER, CUSTOMER);
        world.createPhone(OTHER, "Outra");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    @Order(1)
    void aPhonesTextIsAnsweredWithTheModelsText() {
        conversation.write(CUSTOMER, OWNER, "Oi, vocês entregam no sábado?");

        await().atMost(PATIENCE).until(() -> conversation.received(CUSTOMER).contains("Resposta 1 do modelo."));
        StandInChatCompletions.Request request = model.requests().getFirst();
        assertThat(request.authorization()).isEqualTo("Bearer " + KEY);
        assertThat(request.body().path("model").asText()).isEqualTo("loja-bot");
        assertThat(request.roles()).containsExactly("system", "user");
        assertThat(request.contents()).containsExactly(PROMPT, "Oi, vocês entregam no sábado?");
    }

    @Test
    @Order(2)
    void theNextTextCarriesThePreviousTurn() {
        conversation.write(CUSTOMER, OWNER, "E no domingo?");

        await().atMost(PATIENCE).until(() -> conversation.received(CUSTOMER).contains("Resposta 2 do modelo."));
        StandInChatCompletions.Request request = model.requests().getLast();
        assertThat(request.roles()).containsExactly("system", "user", "assistant", "user");
        assertThat(request.contents()).containsExactly(PROMPT, "Oi, vocês entregam no sábado?", "Resposta 1 do modelo.",
                "E no domingo?");
    }

    @Test
    @Order(3)
    void aPersonAnsweringPausesItInThatChatOnly() {
        world.api().body(Map.of("to", CUSTOMER, "text", "Aqui é a Ana: no domingo não abrimos.")).post("/messages")
                .then().statusCode(202);
        humanAnswered = Instant.now();
        await().atMost(PATIENCE).until(() -> conversation.received(CUSTOMER).contains("Aqui é a Ana: no domingo não abrimos."));

        conversation.write(CUSTOMER, OWNER, "Obrigado, Ana!");
        // one message at a time in arrival order: once the other contact is answered, the customer's text was weighed
        conversation.write(OTHER, OWNER, "Bom dia, qual o endereço?");
        await().atMost(PATIENCE).until(() -> conversation.received(OTHER).contains("Resposta 3 do modelo."));

        assertThat(model.requests()).noneMatch(request -> request.contents().contains("Obrigado, Ana!"));
        assertThat(conversation.received(CUSTOMER)).noneMatch(text -> text.startsWith("Resposta 3"));
        assertThat(model.requests().getLast().contents()).containsExactly(PROMPT, "Bom dia, qual o endereço?");
    }

    @Test
    @Order(4)
    void itSpeaksAgainOnceTheQuietTimeHasPassed() throws InterruptedException {
        Duration left = Duration.between(Instant.now(), humanAnswered.plus(Duration.ofMinutes(1)).plusSeconds(5));
        if (!left.isNegative()) {
            Thread.sleep(left.toMillis());
        }
        conversation.write(CUSTOMER, OWNER, "Voltei: e na segunda?");

        await().atMost(PATIENCE).until(() -> conversation.received(CUSTOMER).contains("Resposta 4 do modelo."));
        assertThat(model.requests().getLast().contents()).endsWith("Voltei: e na segunda?");
    }

    @Test
    @Order(5)
    void theApiSwitchesItOffAndOnInOneChat() {
        String path = "/chats/" + CUSTOMER + "@s.whatsapp.net/ai-responder";
        world.api().body(Map.of()).put(path).then().statusCode(400);
        world.api().body(Map.of("enabled", false)).put(path).then().statusCode(200)
                .body("configured", equalTo(true)).body("enabled", equalTo(false));
        world.api().get(path).then().statusCode(200).body("enabled", equalTo(false)).body("pausedUntil", nullValue());

        conversation.write(CUSTOMER, OWNER, "Ainda está aí?");
        // one message at a time in arrival order: once the other contact is answered, the customer's text was weighed
        conversation.write(OTHER, OWNER, "E o horário de sábado?");
        await().atMost(PATIENCE).until(() -> conversation.received(OTHER).contains("Resposta 5 do modelo."));
        assertThat(model.requests()).noneMatch(request -> request.contents().contains("Ainda está aí?"));

        world.api().body(Map.of("enabled", true)).put(path).then().statusCode(200).body("enabled", equalTo(true));
        conversation.write(CUSTOMER, OWNER, "Oi de novo");
        await().atMost(PATIENCE).until(() -> conversation.received(CUSTOMER).contains("Resposta 6 do modelo."));
    }

}
