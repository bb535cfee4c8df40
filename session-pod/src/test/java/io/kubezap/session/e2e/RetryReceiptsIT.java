package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 79 S4: a retry receipt is answered only in the chat the message went to, with what the message says now.
 * WhatsApp relays a retry receipt from whoever sends it without checking it (wa-simulator's README, "Retry receipts"):
 * a stranger who asks for the id of a message the session sent a customer gets nothing, and a customer who asks again
 * for an edited message gets the edit, for a deleted one nothing. The refusal is the pod's log line, which is how the
 * test knows the receipt was handled before it looks for what reached the phones.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryReceiptsIT {

    private static final String OWNER = "5511999990131";
    private static final String CUSTOMER = "5511988880132";
    private static final String STRANGER = "5511977770133";

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private Conversation conversation;

    @BeforeParameterizedClassInvocation
    void startPodAgainstSimulator() throws Exception {
        var workDir = Files.createTempDirectory(Path.of("target"), "retry-receipts-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "retry-receipts-" + engine.name().toLowerCase(), BaileysBridge.environment(engine));
        world.startLinked(OWNER, CUSTOMER);
        world.createPhone(STRANGER, "Curioso");
        conversation = new Conversation(world);
        // both wrote first: the session holds their privacy tokens, so nothing but the retry rule keeps a resend from them
        conversation.write(CUSTOMER, OWNER, "Oi, meu pedido saiu?");
        conversation.write(STRANGER, OWNER, "Oi");
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aStrangerWhoAsksForACustomersMessageByItsIdGetsNothing() {
        var sent = conversation.sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Seu código de retirada é 4821.");

        askAgain(STRANGER, sent.waMessageId());

        await().atMost(PATIENCE).until(() -> refused(sent.waMessageId()) || reached(STRANGER, sent.waMessageId()));
        assertThat(conversation.phoneInbox(STRANGER)).as("the stranger's phone shows the customer's message")
                .noneMatch(message -> sent.waMessageId().equals(message.get("id")));
        assertThat(resends(STRANGER)).noneMatch(resend -> sent.waMessageId().equals(resend.get("id")));
    }

    @Test
    void theCustomerWhoAsksForAnEditedMessageAgainGetsTheEdit() {
        var sent = conversation.sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Chega às 15h.");
        world.api().body(Map.of("text", "Chega às 17h.")).patch("/messages/" + sent.id()).then().statusCode(200);
        await().atMost(PATIENCE).until(() -> textAtPhone(sent.waMessageId()), "Chega às 17h."::equals);

        askAgain(CUSTOMER, sent.waMessageId());

        await().atMost(PATIENCE).until(() -> refused(sent.waMessageId()) || reached(CUSTOMER, sent.waMessageId()));
        assertThat(resends(CUSTOMER)).filteredOn(resend -> sent.waMessageId().equals(resend.get("id")))
                .as("what the session sent again under the edited message's id").isNotEmpty()
                .allSatisfy(resend -> assertThat(resend.get("text")).isEqualTo("Chega às 17h."));
    }

    @Test
    void theCustomerWhoAsksForADeletedMessageAgainGetsNothing() {
        var sent = conversation.sendThroughApiUntilThePhoneHasIt(CUSTOMER, "Preço errado: R$ 1");
        world.api().delete("/messages/" + sent.id() + "?for=everyone").then().statusCode(200);
        await().atMost(PATIENCE).until(() -> conversation.phoneInbox(CUSTOMER).stream()
                .anyMatch(message -> sent.waMessageId().equals(message.get("id")) && Boolean.TRUE.equals(message.get("deleted"))));

        askAgain(CUSTOMER, sent.waMessageId());

        await().atMost(PATIENCE).until(() -> refused(sent.waMessageId()) || reached(CUSTOMER, sent.waMessageId()));
        assertThat(resends(CUSTOMER)).as("the deleted message, sent again").noneMatch(resend -> sent.waMessageId().equals(resend.get("id")));
    }

    /** {@code phone}'s client sends a retry receipt of its own making for {@code waMessageId} to the session's account. */
    private void askAgain(String phone, String waMessageId) {
        world.control().body(Map.of("messageId", waMessageId, "type", "retry", "to", OWNER))
                .post("/api/phones/" + phone + "/receipts").then().statusCode(202);
    }

    private boolean reached(String phone, String waMessageId) {
        return resends(phone).stream().anyMatch(resend -> waMessageId.equals(resend.get("id")))
                || conversation.phoneInbox(phone).stream().anyMatch(message -> waMessageId.equals(message.get("id")) && !phone.equals(CUSTOMER));
    }

    private String textAtPhone(String waMessageId) {
        return conversation.phoneInbox(CUSTOMER).stream().filter(message -> waMessageId.equals(message.get("id")))
                .map(message -> (String) message.get("text")).findFirst().orElse(null);
    }

    private List<Map<String, Object>> resends(String phone) {
        return world.control().get("/api/phones/" + phone + "/resends").then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** The pod's log tells of a retry receipt for {@code waMessageId} it refused (each engine logs the id with it). */
    private boolean refused(String waMessageId) {
        try {
            return Files.readAllLines(world.podLog()).stream()
                    .anyMatch(line -> line.toLowerCase().contains("refused a retry receipt") && line.contains(waMessageId));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }
}
