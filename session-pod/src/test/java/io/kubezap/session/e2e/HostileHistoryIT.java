package io.kubezap.session.e2e;

import io.kubezap.contract.EngineKind;
import io.restassured.path.json.JsonPath;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * History syncs the packaged pod must not take as they come, on each engine. A contact (any stranger who knows the
 * number) sends a {@code historySyncNotification} naming a blob of invented conversations: only the account's own phone
 * may tell the session its past, so the notification is acknowledged (as WhatsApp clients acknowledge every message
 * they decrypted) and nothing of it is stored. The account's own phone sends a blob that inflates to 96 MiB, beyond the
 * pod's cap (64 MiB): it is dropped, acknowledged, and the session goes on receiving.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(EngineKind.class)
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileHistoryIT {

    private static final String OWNER = "5511999990049";
    private static final String CONTACT = "5511988880049";
    private static final long BEYOND_THE_CAP = 96L << 20;

    @Parameter
    EngineKind engine;

    private PodAgainstSimulator world;
    private int device;

    @BeforeParameterizedClassInvocation
    void startAConnectedSession() throws Exception {
        Path workDir = Files.createTempDirectory(Path.of("target"), "hostile-history-it-" + engine + "-");
        world = PodAgainstSimulator.create(workDir, "loja-49", BaileysBridge.environment(engine));
        device = world.startLinked(OWNER, CONTACT);
    }

    @AfterParameterizedClassInvocation
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aContactsForgedHistoryIsAcknowledgedAndNothingOfItIsStored() {
        long before = world.lastEventId();

        JsonPath forged = world.control().body(Map.of("to", OWNER)).post("/api/phones/" + CONTACT + "/forged-history-sync")
                .then().statusCode(202).extract().jsonPath();

        assertIgnoredButAcknowledged(forged, before, "Recebeu a história falsa?");
    }

    @Test
    void aHistoryBlobInflatingBeyondTheCapIsDroppedAndTheSessionGoesOn() {
        long before = world.lastEventId();

        JsonPath bomb = world.control().body(Map.of("inflatedBytes", BEYOND_THE_CAP)).post("/api/phones/" + OWNER + "/history-bomb")
                .then().statusCode(202).extract().jsonPath();

        assertThat(bomb.getList("ids")).as("the phone's linked companions").hasSize(1);
        assertIgnoredButAcknowledged(bomb, before, "Ainda está aí?");
    }

    /** The notification {@code sent} is acknowledged, a later text is still received, and nothing of the history stored. */
    private void assertIgnoredButAcknowledged(JsonPath sent, long before, String nextText) {
        String id = sent.getString("ids[0]");
        await().atMost(PATIENCE).until(() -> world.messagesAcked(OWNER, device), acked -> acked.contains(id));
        world.phoneWritesAndTheSessionStoresIt(CONTACT, OWNER, nextText);

        assertThat(world.eventsAfter("history.synced", before)).as("history batches stored").isEmpty();
        assertThat(storedTexts()).as("texts the session stored").doesNotContain(sent.getString("text"));
        assertThat(world.api().queryParam("limit", 200).get("/messages").then().statusCode(200).extract().jsonPath()
                .getList("items.waMessageId", String.class)).as("the notification itself, stored as a message").doesNotContain(id);
        List<?> claimedChat = world.api().queryParam("limit", 200).get("/chats/" + sent.getString("chatJid") + "/messages")
                .then().extract().jsonPath().getList("items");
        assertThat(claimedChat).as("messages of the chat the history claimed").isNullOrEmpty();
    }

    private List<String> storedTexts() {
        return world.api().queryParam("limit", 200).get("/messages").then().statusCode(200).extract().jsonPath()
                .getList("items.text", String.class);
    }
}
