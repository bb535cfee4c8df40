package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.kubezap.session.airesponder.StandInChatCompletions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The AI responder and the Chatwoot connector together, in the packaged pod against simulated phones, a stand-in
 * chat-completions server and a Chatwoot stand-in: an agent's reply from Chatwoot silences the responder in that chat
 * as a reply from the phone or the dashboard does (the customer's next text is not answered, another contact's is)
 * until the quiet time (a minute here) has passed, when it answers the customer again. Run once per engine.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AiResponderChatwootIT {

    private static final String OWNER = "5511999990073";
    private static final String CUSTOMER = "5511988880073";
    private static final String OTHER = "5511977770073";
    private static final String TOKEN = "chatwoot-token-of-an-admin";
    private static final String WEBHOOK_SECRET = "the-inbox-webhook-secret";
    private static final Duration QUIET_TIME = Duration.ofMinutes(1);

    @Parameter
    EngineKind engine;

    private ChatwootStandIn chatwoot;
    private StandInChatCompletions model;
    private PodAgainstSimulator world;
    private Conversation conversation;
    private final AtomicInteger answers = new AtomicInteger();

    @BeforeParameterizedClassInvocation
    void startPodSimulatorModelAndChatwoot() throws Exception {
        answers.set(0); // one instance serves both engines
        model = StandInChatCompletions.start(request -> new StandInChatCompletions.Text(
                "Resposta " + answers.incrementAndGet() + " do modelo.", 3));
        chatwoot = ChatwootStandIn.start(TOKEN);
        chatwoot.signWebhooksWith(WEBHOOK_SECRET);
        Path workDir = Files.createTempDirectory(Path.of("target"), "ai-responder-chatwoot-it-" + engine + "-");
        Map<String, String> environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.putAll(chatwoot.podEnvironment()); // the stand-ins on loopback, allowed as in-cluster ones would be
        environment.putAll(Map.of("KUBEZAP_CHATWOOT_WEBHOOK_SECRET", WEBHOOK_SECRET,
                "KUBEZAP_AUTO_REPLY_AI_API_KEY", "sk-e2e-0123456789"));
        world = PodAgainstSimulator.create(workDir, "loja-73", environment);
        world.setEnvironment("KUBEZAP_AUTO_REPLY", """
                {"ai": {"baseUrl": "%s", "model": "loja-bot", "systemPrompt": "Você é o atendente da Loja.",
                        "pauseAfterHumanMinutes": %d, "timeoutSeconds": 30}}""".formatted(model.baseUrl(), QUIET_TIME.toMinutes()));
        chatwoot.deliverWebhooksTo(() -> world.podAlive() ? world.podBaseUrl() : null);
        conversation = new Conversation(world);
        world.startLinked(OWNER, CUSTOMER);
        world.createPhone(OTHER, "Outra");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        try {
            if (world != null) {
                world.close();
            }
        } finally {
            if (model != null) {
                model.close();
            }
            if (chatwoot != null) {
                chatwoot.close();
            }
        }
    }

    @Test
    void anAgentsReplyFromChatwootPausesTheResponderInThatChatUntilTheQuietTimeHasPassed() {
        conversation.write(CUSTOMER, OWNER, "Oi, tem bolo de fubá?");
        await().atMost(PATIENCE).until(() -> conversation.received(CUSTOMER).contains("Resposta 1 do modelo."));
        long chatwootConversation = chatwoot.awaitMessage("Oi, tem bolo de fubá?").path("conversation_id").asLong();

        chatwoot.agentReplies(chatwootConversation, "Aqui é a Ana: tem sim, saiu agora do forno!", null);
        Instant agentAnswered = Instant.now();
        await().atMost(PATIENCE).until(() -> conversation.received(CUSTOMER).contains("Aqui é a Ana: tem sim, saiu agora do forno!"));
        String responder = "/chats/" + CUSTOMER + "@s.whatsapp.net/ai-responder";
        Instant pausedUntil = Instant.parse(world.api().get(responder).then().statusCode(200).extract().path("pausedUntil"));
        assertThat(pausedUntil).as("paused for the quiet time after the agent's reply").isAfter(agentAnswered);

        conversation.write(CUSTOMER, OWNER, "Obrigado, Ana!");
        // one message at a time in arrival order: once the other contact is answered, the customer's text was weighed
        conversation.write(OTHER, OWNER, "Bom dia, qual o endereço?");
        await().atMost(PATIENCE).until(() -> conversation.received(OTHER).contains("Resposta 2 do modelo."));
        assertThat(model.requests()).noneMatch(request -> request.contents().contains("Obrigado, Ana!"));
        assertThat(conversation.received(CUSTOMER)).noneMatch(text -> text.startsWith("Resposta 2"));

        await().atMost(QUIET_TIME.plus(PATIENCE)).pollInterval(Duration.ofSeconds(1)).until(() -> Instant.now().isAfter(pausedUntil));
        conversation.write(CUSTOMER, OWNER, "Voltei: e de laranja?");
        await().atMost(PATIENCE).until(() -> conversation.received(CUSTOMER).contains("Resposta 3 do modelo."));
        assertThat(model.requests().getLast().contents()).endsWith("Voltei: e de laranja?");
    }
}
