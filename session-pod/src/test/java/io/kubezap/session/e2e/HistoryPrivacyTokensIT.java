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
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a phone hands its companions in history sync for privacy tokens (wa-simulator's README, "Privacy tokens"), on both
 * engines: each conversation's token ({@code tcToken}, {@code tcTokenTimestamp}, {@code tcTokenSenderTimestamp}), so a
 * session linked to a phone whose customer wrote before it existed answers that customer at once; and the account's NCT
 * salt with the contacts' LIDs, from which a client-side token ({@code <cstoken>}: HMAC-SHA256 of the recipient's LID
 * under the salt, whatsmeow PR #1102) stands in for a token the session does not hold, so a contact the phone wrote to
 * but who never wrote back is reached too. Either way without a 463 and without asking WhatsApp for a token.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HistoryPrivacyTokensIT {

    private static final String OWNER = "5511999990091";
    /** The simulator's made-up past chats: the first with a message from its contact, the second with none. */
    private static final String KNOWN_FROM_HISTORY = "5511980000001";
    private static final String NEVER_WROTE = "5511980000002";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;

    @BeforeParameterizedClassInvocation
    void linkAPhoneWithAPastChat() throws Exception {
        var workDir = Files.createTempDirectory(Path.of("target"), "history-tokens-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "history-tokens-" + engine.name().toLowerCase(), BaileysBridge.environment(engine));
        world.createPhone(OWNER, "Loja");
        world.createPhone(KNOWN_FROM_HISTORY, "Cliente Antigo");
        world.createPhone(NEVER_WROTE, "Contato Calado");
        world.control().body(Map.of("chats", 2, "messages", 1, "olderMessages", 0, "media", 0, "messagesPerChunk", 50))
                .put("/api/phones/" + OWNER + "/history").then().statusCode(200);
        world.startPod();
        world.scanCurrentQr(OWNER);
        world.awaitPhase("Connected");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    @Order(1)
    void aReplyToACustomerKnownOnlyFromTheHistoryShowsTheTokenTheHistoryCarried() {
        awaitTheHistory();
        var journal = new PrivacyTokenJournal(world, OWNER);
        assertThat(journal.about(KNOWN_FROM_HISTORY)).as("the session had not written to the customer yet").isEmpty();

        var reply = new Conversation(world).sendThroughApiUntilThePhoneHasIt(KNOWN_FROM_HISTORY, "Olá de novo! Ainda precisa do orçamento?");

        journal.assertShownWithoutAsking(KNOWN_FROM_HISTORY, 0, reply.waMessageId(), "Linked with the history");
    }

    @Test
    @Order(2)
    void aContactWhoNeverWroteIsReachedWithAClientSideToken() {
        awaitTheHistory();
        var journal = new PrivacyTokenJournal(world, OWNER);

        var sent = new Conversation(world).sendThroughApiUntilThePhoneHasIt(NEVER_WROTE, "Olá! Seu orçamento ficou pronto.");

        var entries = journal.about(NEVER_WROTE);
        assertThat(entries).as("WhatsApp refused the message (463): the session showed no valid client-side token for a"
                + " contact whose token it does not hold").noneMatch(entry -> "refused".equals(entry.get("kind")));
        assertThat(entries).as("WhatsApp admitted the message by its client-side token")
                .anyMatch(entry -> "admitted-cstoken".equals(entry.get("kind")) && sent.waMessageId().equals(entry.get("id")));
        assertThat(entries).as("the session asked WhatsApp for the contact's token before the send instead of deriving a"
                + " client-side one").first().satisfies(entry -> assertThat(entry.get("kind")).isNotEqualTo("issued"));
    }

    /** The bootstrap, which carries the salt, the LIDs and the tokens, was stored. */
    private void awaitTheHistory() {
        await().atMost(PATIENCE).until(() -> world.api().get("/chats/" + KNOWN_FROM_HISTORY + "@s.whatsapp.net/messages").then()
                .statusCode(200).extract().jsonPath().<Map<String, Object>>getList("items"), items -> !items.isEmpty());
    }
}
