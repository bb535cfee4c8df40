package io.kubezap.simulator.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import it.auties.whatsapp.model.action.Action;
import it.auties.whatsapp.model.action.ArchiveChatAction;
import it.auties.whatsapp.model.action.LabelAssociationAction;
import it.auties.whatsapp.model.action.LabelEditAction;
import it.auties.whatsapp.model.action.MarkChatAsReadAction;
import it.auties.whatsapp.model.action.MuteAction;
import it.auties.whatsapp.model.action.PinAction;
import it.auties.whatsapp.model.action.StarAction;
import it.auties.whatsapp.model.info.MessageIndexInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.sync.PatchType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Chats' app state both ways between a simulated phone and its Cobalt companions: what the owner does on the phone
 * (archive, pin, mute, mark read, star, labels) reaches a companion as patches Cobalt checks (MACs, versions, LT hash);
 * what a companion does is a patch the server checks and applies, so the phone shows it and the other companion gets it.
 */
@Timeout(180)
class ChatAppStateTest {
    private static final Duration SYNC_WAIT = Duration.ofSeconds(30);
    private static final String CHAT = "5511966665555@s.whatsapp.net";
    private static ControlClient control;

    @BeforeAll
    static void startSimulator() {
        control = new ControlClient(SimulatorFixture.simulator().controlUrl());
    }

    record Seen(Action action, MessageIndexInfo index) {
    }

    @Test
    void whatTheOwnerDoesOnThePhoneReachesTheCompanion() throws Exception {
        var number = Pairing.createPhone(control, "Floricultura");
        var client = Pairing.pairNewClient(control, KeyStores.fresh(), number);
        var seen = new CopyOnWriteArrayList<Seen>();
        client.api.addActionListener((Action action, MessageIndexInfo index) -> seen.add(new Seen(action, index)));
        await().atMost(SYNC_WAIT).until(() -> client.api.keys().initialAppSync());

        for (var action : List.of(Map.of("action", "archive"), Map.of("action", "pin"), Map.of("action", "mute", "muteEnd", 4102444800000L),
                Map.of("action", "unread"), Map.of("action", "star", "messageId", "3EB0STARRED", "fromMe", false),
                Map.of("action", "label-edit", "labelId", "5", "name", "Pedido", "color", 2), Map.of("action", "label", "labelId", "5"))) {
            var body = new HashMap<String, Object>(action);
            body.put("chat", CHAT);
            var answer = control.post("/api/phones/" + number + "/appstate", body);
            assertThat(answer.status()).as("%s", answer.body()).isEqualTo(202);
            // one at a time: Cobalt 0.0.10 pulls on its socket's reader thread and waits there for a pull already
            // under way, so a second server_sync while the first pull awaits its answer stalls it
            var expected = seen.size() + 1;
            await().atMost(SYNC_WAIT).untilAsserted(() -> assertThat(seen).as("errors: %s", client.errors).hasSize(expected));
        }

        assertThat(seen).extracting(s -> (Object) s.action().getClass()).containsExactlyInAnyOrder(ArchiveChatAction.class, PinAction.class,
                MuteAction.class, MarkChatAsReadAction.class, StarAction.class, LabelEditAction.class, LabelAssociationAction.class);
        assertThat(seen).filteredOn(s -> s.action() instanceof ArchiveChatAction).singleElement()
                .satisfies(s -> assertThat(s.index().chatJid()).contains(Jid.of(CHAT)));
        assertThat(seen).filteredOn(s -> s.action() instanceof MuteAction).singleElement()
                .satisfies(s -> assertThat(((MuteAction) s.action()).muteEndTimestampSeconds()).isEqualTo(4102444800000L));
        assertThat(seen).filteredOn(s -> s.action() instanceof StarAction).singleElement()
                .satisfies(s -> assertThat(s.index().messageId()).contains("3EB0STARRED"));
        assertThat(client.errors).as("Cobalt's errors, e.g. a MAC it rejected").isEmpty();
        assertThat(control.post("/api/phones/" + number + "/appstate", Map.of("action", "dance", "chat", CHAT)).status()).isEqualTo(400);
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCompanionsPatchIsCheckedAppliedShownOnThePhoneAndPassedToTheOtherCompanion() throws Exception {
        var number = Pairing.createPhone(control, "Papelaria");
        var first = Pairing.pairNewClient(control, KeyStores.fresh(), number);
        var second = Pairing.pairNewClient(control, KeyStores.fresh(), number);
        var seenBySecond = new CopyOnWriteArrayList<Seen>();
        second.api.addActionListener((Action action, MessageIndexInfo index) -> seenBySecond.add(new Seen(action, index)));
        await().atMost(SYNC_WAIT).until(() -> first.api.keys().initialAppSync() && second.api.keys().initialAppSync());

        first.api.archiveChat(Jid.of(CHAT)).get(30, TimeUnit.SECONDS);
        first.api.pinChat(Jid.of(CHAT)).get(30, TimeUnit.SECONDS);

        await().atMost(SYNC_WAIT).untilAsserted(() -> assertThat(phoneValue(number, "archive")).isNotNull());
        assertThat(phoneValue(number, "archive").get("archived").asBoolean()).isTrue();
        assertThat(phoneValue(number, "pin_v1").get("pinned").asBoolean()).isTrue();
        await().atMost(SYNC_WAIT).untilAsserted(() -> assertThat(seenBySecond).extracting(s -> (Object) s.action().getClass())
                .as("errors: %s", second.errors).contains(ArchiveChatAction.class, PinAction.class));
        assertThat(first.errors).as("the server accepted both patches").isEmpty();
        assertThat(second.errors).isEmpty();

        first.api.unarchive(Jid.of(CHAT)).get(30, TimeUnit.SECONDS);
        await().atMost(SYNC_WAIT).untilAsserted(() -> assertThat(phoneValue(number, "archive").get("archived").asBoolean()).isFalse());
        first.api.disconnect().get(10, TimeUnit.SECONDS);
        second.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCompanionLinkedAfterThePhoneHasStateGetsSnapshotsAndALargeChangeAsAnExternalBlob() throws Exception {
        var number = Pairing.createPhone(control, "Mercearia");
        var chats = List.of("5511955550001@s.whatsapp.net", "5511955550002@s.whatsapp.net", "5511955550003@s.whatsapp.net",
                "5511955550004@s.whatsapp.net", "5511955550005@s.whatsapp.net");
        // before any companion: regular_low reaches version 5 (a snapshot) and 6, regular version 6
        for (var chat : chats.subList(0, 3)) {
            phoneDoes(number, Map.of("action", "archive", "chat", chat));
        }
        phoneDoes(number, Map.of("action", "pin", "chat", chats.get(0)));
        phoneDoes(number, Map.of("action", "pin", "chat", chats.get(1)));
        phoneDoes(number, Map.of("action", "unread", "chat", chats.get(2)));
        phoneDoes(number, Map.of("action", "label-edit", "labelId", "7", "name", "Clientes", "color", 3));
        for (var chat : chats) {
            phoneDoes(number, Map.of("action", "label", "labelId", "7", "chat", chat));
        }
        var blobsBefore = appStateBlobs();

        var client = Pairing.pairNewClient(control, KeyStores.fresh(), number);
        var seen = new CopyOnWriteArrayList<Seen>();
        client.api.addActionListener((Action action, MessageIndexInfo index) -> seen.add(new Seen(action, index)));
        await().atMost(SYNC_WAIT).until(() -> client.api.keys().initialAppSync());
        var account = client.api.store().jid().orElseThrow();
        await().atMost(SYNC_WAIT).untilAsserted(() -> assertThat(client.api.keys().findHashStateByName(account, PatchType.REGULAR_LOW))
                .hasValueSatisfying(state -> assertThat(state.version()).isEqualTo(6)));
        assertThat(client.errors).as("Cobalt checked the snapshots' and patches' MACs").isEmpty();
        assertThat(appStateBlobs() - blobsBefore).as("a snapshot of regular_low and of regular on the media host").isEqualTo(2);
        assertThat(seen).as("the archived chats, read from the snapshot").filteredOn(s -> s.action() instanceof ArchiveChatAction)
                .extracting(s -> s.index().chatJid().orElseThrow().toString()).containsExactlyInAnyOrderElementsOf(chats.subList(0, 3));

        assertThat(seen).as("the label on five chats").filteredOn(s -> s.action() instanceof LabelAssociationAction).hasSize(5);
        int before = seen.size();

        phoneDoes(number, Map.of("action", "label-delete", "labelId", "7", "name", "Clientes"));

        await().atMost(SYNC_WAIT).untilAsserted(() -> assertThat(client.api.keys().findHashStateByName(account, PatchType.REGULAR))
                .hasValueSatisfying(state -> assertThat(state.version()).isEqualTo(7)));
        await().atMost(SYNC_WAIT).untilAsserted(() -> assertThat(seen).filteredOn(s -> s.action() instanceof LabelEditAction edit && edit.deleted())
                .hasSize(1));
        assertThat(seen.subList(before, seen.size())).as("the REMOVEs of the label's five chats")
                .filteredOn(s -> s.action() instanceof LabelAssociationAction).hasSize(5);
        assertThat(appStateBlobs() - blobsBefore).as("the patch's mutations, uploaded apart").isEqualTo(3);
        assertThat(client.errors).isEmpty();
        client.api.disconnect().get(10, TimeUnit.SECONDS);
    }

    private static void phoneDoes(String number, Map<String, Object> action) {
        var answer = control.post("/api/phones/" + number + "/appstate", action);
        assertThat(answer.status()).as("%s", answer.body()).isEqualTo(202);
    }

    /** How many app-state blobs (snapshots, external mutations) the media host holds. */
    private static long appStateBlobs() {
        return StreamSupport.stream(control.get("/api/media").body().spliterator(), false)
                .filter(blob -> blob.toString().contains("t62.1182-24")).count();
    }

    /** The value the phone holds for {@code [type, CHAT]}, or null. */
    private static JsonNode phoneValue(String number, String type) {
        var entries = control.get("/api/phones/" + number + "/appstate").body();
        return StreamSupport.stream(entries.spliterator(), false)
                .filter(entry -> entry.get("index").get(0).asText().equals(type) && entry.get("index").get(1).asText().equals(CHAT))
                .map(entry -> entry.get("value")).findFirst().orElse(null);
    }
}
