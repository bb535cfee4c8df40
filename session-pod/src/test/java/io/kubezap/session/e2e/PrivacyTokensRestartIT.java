package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
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
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The customers' privacy tokens live in the session's storage, not in the engine's memory: a pod restarted, or killed
 * with SIGKILL, between a customer's token and the session's reply still shows that token. The reply is neither refused
 * (463) nor preceded by a request for the token WhatsApp already gave. Cobalt in both storage modes (Database: the
 * data directory emptied before each start, as on another node), Baileys in Volume mode (the CRD refuses Database for it).
 */
@ParameterizedClass(name = "{0} {1}")
@MethodSource("enginesAndStorageModes")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrivacyTokensRestartIT {

    private static final String OWNER = "5511999990081";
    private static final String BEFORE_A_RESTART = "5511988880082";
    private static final String BEFORE_A_KILL = "5511988880083";

    @Parameter(0)
    EngineKind engine;

    @Parameter(1)
    String storageMode;

    private PodAgainstSimulator world;
    private Conversation conversation;
    private PrivacyTokenJournal journal;

    static Stream<org.junit.jupiter.params.provider.Arguments> enginesAndStorageModes() {
        return Stream.of(org.junit.jupiter.params.provider.Arguments.of(EngineKind.Cobalt, "Volume"),
                org.junit.jupiter.params.provider.Arguments.of(EngineKind.Cobalt, "Database"),
                org.junit.jupiter.params.provider.Arguments.of(EngineKind.Baileys, "Volume"));
    }

    @BeforeParameterizedClassInvocation
    void startPodAgainstSimulator() throws Exception {
        var workDir = Files.createTempDirectory(Path.of("target"), "privacy-tokens-restart-it-" + engine + "-" + storageMode + "-");
        var environment = new HashMap<>(BaileysBridge.environment(engine));
        environment.put("KUBEZAP_STORAGE_MODE", storageMode);
        world = PodAgainstSimulator.create(workDir, "tokens-kept-" + engine.name().toLowerCase() + "-" + storageMode.toLowerCase(), environment);
        conversation = new Conversation(world);
        journal = new PrivacyTokenJournal(world, OWNER);
        world.startLinked(OWNER, BEFORE_A_RESTART);
        world.createPhone(BEFORE_A_KILL, "Derrubada");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void aReplyAfterARestartShowsTheTokenTheCustomerGaveBefore() throws Exception {
        var restartedAt = tokenAndFirstReply(BEFORE_A_RESTART, "Vocês abrem domingo?", "Abrimos das 9h às 13h.");
        world.stopPod();
        startAgain();

        var reply = conversation.sendThroughApiUntilThePhoneHasIt(BEFORE_A_RESTART, "Até domingo!");

        journal.assertShownWithoutAsking(BEFORE_A_RESTART, restartedAt, reply.waMessageId(), "After the restart");
    }

    @Test
    @Order(2)
    void aReplyAfterTheProcessWasKilledShowsTheTokenTheCustomerGaveBefore() throws Exception {
        var killedAt = tokenAndFirstReply(BEFORE_A_KILL, "Chegou meu pedido?", "Saiu para entrega.");
        world.killPod();
        startAgain();

        var reply = conversation.sendThroughApiUntilThePhoneHasIt(BEFORE_A_KILL, "Entregue, obrigado!");

        journal.assertShownWithoutAsking(BEFORE_A_KILL, killedAt, reply.waMessageId(), "After the SIGKILL");
    }

    /**
     * The customer writes (their phone gives the account its token) and the session answers with it; then waits until
     * the account's own token followed, as both engines issue it after a send. Returns the journal's last entry.
     */
    private long tokenAndFirstReply(String customer, String question, String answer) {
        world.control().body(Map.of("to", OWNER, "text", question)).post("/api/phones/" + customer + "/messages").then().statusCode(202);
        await().atMost(PATIENCE).until(world::incomingTexts, texts -> texts.contains(question));
        conversation.sendThroughApiUntilThePhoneHasIt(customer, answer);
        await().atMost(PATIENCE).until(() -> journal.about(customer), entries -> entries.stream()
                .anyMatch(entry -> "issued".equals(entry.get("kind"))));
        assertThat(journal.about(customer)).as("the first reply was admitted with the customer's token")
                .noneMatch(entry -> "refused".equals(entry.get("kind")));
        return journal.lastAbout(customer);
    }

    /** Storage mode Database: the data directory is only a cache, emptied as a pod on another node finds it. */
    private void startAgain() throws IOException {
        if ("Database".equals(storageMode)) {
            try (var tree = Files.walk(world.keyStore())) {
                tree.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        world.startPod();
        world.awaitPhase("Connected");
    }
}
