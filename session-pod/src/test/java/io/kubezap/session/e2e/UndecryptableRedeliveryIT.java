package io.kubezap.session.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The last hole of issue 34: a kill after Cobalt wrote the Signal keys that decrypted a message and before the pod
 * stored it. WhatsApp delivers the message again at the next login, but its ciphertext no longer decrypts (the keys
 * moved past it). Cobalt 0.0.10 would store an empty message and acknowledge it, and WhatsApp would forget the text.
 * The pod asks for it again with a retry receipt instead; the customer's phone encrypts it anew and sends it under the
 * same id, and the pod stores and announces it once.
 *
 * <p>The interleaving is forced: the simulator loses the pod's acknowledgements (fault {@code lose-acks}, as if the kill
 * came before they left), the pod decrypts, writes its keys and stores the text, is killed, and the text's rows are
 * deleted (as if the kill came before the commit). Cobalt 0.0.10 keeps a chain's used message keys, so a replayed
 * ciphertext of a one-to-one chain would still decrypt here; the simulator delivers it again as the keys that moved
 * past it see it, undecryptable (fault {@code undecryptable-redelivery}).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UndecryptableRedeliveryIT {

    private static final String OWNER = "5511999990071";
    private static final String CUSTOMER = "5511988880072";
    private static final String CHAT = CUSTOMER + "@s.whatsapp.net";

    @TempDir
    static Path workDir;

    private PodAgainstSimulator world;
    private ChatRows rows;
    private int device;

    @BeforeAll
    void startALinkedSession() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-71", Map.of());
        device = world.startLinked(OWNER, CUSTOMER);
        rows = new ChatRows(world, CHAT);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aTextWhoseKeysWereWrittenButWhichWasNotStoredIsAskedForAgainThenStoredAndAnnouncedOnce() throws Exception {
        var first = customerWrites("Oi, tudo bem?");
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> world.messagesAcked(OWNER, device).contains(first));
        // the session answers: to the customer's LID since LID-first sends, in a Signal session of its own, so what the
        // phone sends next may still be a pre-key message; the fault breaks the Signal MAC in either kind
        String reply = world.api().body(Map.of("to", CUSTOMER, "text", "Tudo ótimo!")).post("/messages")
                .then().statusCode(202).extract().path("id");
        world.awaitAtPhone(CUSTOMER, world.awaitSent(reply));
        world.injectFault(OWNER, device, "lose-acks");
        long before = world.lastEventId();
        var second = customerWrites("Quero dois cafés");
        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> world.messagesAcked(OWNER, device).contains(second));
        world.killPod();
        forgetStored(second, before);
        world.injectFault(OWNER, device, "undecryptable-redelivery");

        world.startPod();
        world.awaitPhase("Connected");

        await().atMost(PodAgainstSimulator.PATIENCE).until(() -> storedTimes(second) > 0);
        assertThat(retryReceiptsSent(second)).as("the redelivered ciphertext did not decrypt: asked for again").isNotEmpty();
        assertThat(storedTimes(second)).isEqualTo(1);
        // both came within one second of WhatsApp's clock, so their order in the list is not what this test is about
        assertThat(world.incomingTexts()).containsExactlyInAnyOrder("Oi, tudo bem?", "Quero dois cafés");
        assertThat(rows.count("select count(*) from events where type = 'message.received' and payload ->> 'chat' = ? "
                + "and payload ->> 'waMessageId' = '" + second + "'")).as("announced once").isEqualTo(1);
    }

    private String customerWrites(String text) {
        return world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + CUSTOMER + "/messages")
                .then().statusCode(202).extract().path("id");
    }

    private int storedTimes(String waId) throws SQLException {
        return rows.count("select count(*) from messages where chat_jid = ? and wa_message_id = '" + waId + "'");
    }

    /** The kill came before the commit: the message, its event and webhook deliveries are not there. */
    private void forgetStored(String waId, long eventsBefore) throws SQLException {
        try (var connection = world.podDatabase().getConnection(); var statement = connection.createStatement()) {
            assertThat(statement.executeUpdate("delete from messages where wa_message_id = '" + waId + "'")).isEqualTo(1);
            statement.executeUpdate("delete from events where type = 'message.received' and id > " + eventsBefore);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> retryReceiptsSent(String waId) {
        return world.control().get("/api/phones/" + OWNER + "/devices/" + device + "/nodes").jsonPath()
                .<Map<String, Object>>getList("$").stream()
                .filter(node -> "receipt".equals(node.get("tag")))
                .filter(node -> {
                    var attributes = (Map<String, String>) node.get("attributes");
                    return "retry".equals(attributes.get("type")) && waId.equals(attributes.get("id"));
                }).toList();
    }
}
