package io.kubezap.session.api;

import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.LabelChange;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.testing.SimulatedWhatsApp;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.kubezap.session.testing.Api.SESSION;
import static io.kubezap.session.testing.Api.authorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Chats as the phone has them, against the real embedded PostgreSQL and a simulated engine: the list's filters and
 * cursor; each app-state action of the API sent to WhatsApp, stored and announced once; each change WhatsApp reports
 * (the phone's own) stored and announced; labels both ways.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ChatStatesApiTest {

    private static final String PREFIX = "55119333";

    @Inject
    SimulatedWhatsApp whatsapp;

    @Test
    void theChatListIsFilteredAndPagedWithACursorPinnedChatsFirst() {
        whatsapp.resetToConnected();
        List<String> jids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            jids.add(PREFIX + "0000" + i + "@s.whatsapp.net");
            whatsapp.receive("WAID-LIST-" + i, jids.getLast(), "oi " + i);
        }
        awaitChat(jids.getLast());
        Instant now = Instant.now();
        whatsapp.emit(new EngineEvent.ChatChanged(jids.get(0), new ChatChange.Pin(true), now));
        whatsapp.emit(new EngineEvent.ChatChanged(jids.get(1), new ChatChange.Archive(true), now));
        whatsapp.emit(new EngineEvent.ChatChanged(jids.get(2), new ChatChange.MarkRead(true), now));

        List<String> all = authorized().queryParam("limit", 200).get(SESSION + "/chats").then().statusCode(200)
                .body("nextCursor", nullValue()).extract().path("items.jid");
        assertThat(all.getFirst()).as("a pinned chat comes first").isEqualTo(jids.get(0));
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            var page = authorized().queryParam("limit", 2);
            if (cursor != null) {
                page.queryParam("cursor", cursor);
            }
            var body = page.get(SESSION + "/chats").then().statusCode(200).extract();
            paged.addAll(body.path("items.jid"));
            cursor = body.path("nextCursor");
        } while (cursor != null);
        assertThat(paged).as("pages of two, cursor after cursor, are the whole list once").isEqualTo(all);

        authorized().queryParam("pinned", true).get(SESSION + "/chats").then().body("items.jid", equalTo(List.of(jids.get(0))))
                .body("items[0].pinned", equalTo(true));
        authorized().queryParam("archived", true).get(SESSION + "/chats").then().body("items.jid", hasItem(jids.get(1)))
                .body("items.jid", not(hasItem(jids.get(3))));
        authorized().queryParam("unread", true).get(SESSION + "/chats").then().body("items.jid", hasItem(jids.get(3)))
                .body("items.jid", not(hasItem(jids.get(2))));
        authorized().queryParam("group", true).get(SESSION + "/chats").then().body("items.jid", not(hasItem(jids.get(3))));
        authorized().queryParam("cursor", "not-a-cursor").get(SESSION + "/chats").then().statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        authorized().queryParam("archived", "maybe").get(SESSION + "/chats").then().statusCode(400);
    }

    @Test
    void aChatsMessagesArePagedWithTheirTotal() {
        whatsapp.resetToConnected();
        String jid = PREFIX + "40001@s.whatsapp.net";
        for (int i = 1; i <= 3; i++) {
            whatsapp.receive("WAID-TOTAL-" + i, jid, "mensagem " + i);
        }
        await().until(() -> authorized().get(SESSION + "/chats/" + jid + "/messages").then().extract().<Integer>path("total") == 3);

        var first = authorized().queryParam("limit", 2).get(SESSION + "/chats/" + jid + "/messages").then().statusCode(200)
                .body("total", equalTo(3)).extract();
        assertThat(first.<List<String>>path("items.text")).containsExactly("mensagem 3", "mensagem 2");
        authorized().queryParam("limit", 2).queryParam("before", first.<String>path("nextCursor"))
                .get(SESSION + "/chats/" + jid + "/messages").then().body("items.text", equalTo(List.of("mensagem 1")))
                .body("nextCursor", nullValue()).body("total", equalTo(3));
        authorized().queryParam("direction", "out").get(SESSION + "/chats/" + jid + "/messages").then().body("total", equalTo(0));
    }

    @Test
    void eachActionOfTheApiReachesWhatsAppIsStoredAndAnnouncedOnce() {
        whatsapp.resetToConnected();
        String jid = PREFIX + "10001@s.whatsapp.net";
        whatsapp.receive("WAID-ACT-1", jid, "bom dia");
        awaitChat(jid);
        int sent = whatsapp.appStateChanges().size();

        authorized().post(SESSION + "/chats/" + jid + "/archive").then().statusCode(200).body("archived", equalTo(true));
        authorized().post(SESSION + "/chats/" + jid + "/pin").then().statusCode(200).body("pinned", equalTo(true));
        authorized().body(Map.of("until", "2099-01-01T00:00:00Z")).post(SESSION + "/chats/" + jid + "/mute").then()
                .statusCode(200).body("muted", equalTo(true)).body("mutedUntil", equalTo("2099-01-01T00:00:00Z"));
        authorized().post(SESSION + "/chats/" + jid + "/unread").then().statusCode(200).body("markedUnread", equalTo(true));
        authorized().post(SESSION + "/chats/" + jid + "/unarchive").then().statusCode(200).body("archived", equalTo(false));
        authorized().post(SESSION + "/chats/" + jid + "/unmute").then().statusCode(200).body("muted", equalTo(false));

        assertThat(whatsapp.appStateChanges().subList(sent, whatsapp.appStateChanges().size()))
                .extracting(SimulatedWhatsApp.AppStateChange::change).containsExactly(new ChatChange.Archive(true),
                        new ChatChange.Pin(true), new ChatChange.Mute(Instant.parse("2099-01-01T00:00:00Z")),
                        new ChatChange.MarkRead(false), new ChatChange.Archive(false), new ChatChange.Mute(null));
        assertThat(changesAnnounced(jid)).containsExactly("unmuted", "unarchived", "unread", "muted", "pinned", "archived");

        whatsapp.emit(new EngineEvent.ChatChanged(jid, new ChatChange.Pin(true), Instant.now()));
        assertThat(changesAnnounced(jid)).as("the session's own change read back is not announced again").hasSize(6);

        authorized().post(SESSION + "/chats/" + PREFIX + "19999/archive").then().statusCode(404);
        authorized().body(Map.of("until", "2001-01-01T00:00:00Z")).post(SESSION + "/chats/" + jid + "/mute").then().statusCode(400);
    }

    @Test
    void whatThePhoneChangesIsStoredAndAnnounced() {
        whatsapp.resetToConnected();
        String jid = PREFIX + "20001@s.whatsapp.net";
        whatsapp.receive("WAID-PHONE-1", jid, "olá");
        awaitChat(jid);
        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        whatsapp.emit(new EngineEvent.ChatChanged(jid, new ChatChange.Archive(true), at));
        whatsapp.emit(new EngineEvent.ChatChanged(jid, new ChatChange.Mute(ChatChange.MUTED_FOREVER), at));
        whatsapp.emit(new EngineEvent.ChatChanged(jid, new ChatChange.MarkRead(true), at));
        whatsapp.emit(new EngineEvent.ChatChanged(jid, new ChatChange.Star("WAID-PHONE-1", false, null, true), at));

        authorized().get(SESSION + "/chats/" + jid).then().statusCode(200).body("archived", equalTo(true))
                .body("muted", equalTo(true)).body("mutedUntil", nullValue()).body("unreadCount", equalTo(0));
        assertThat(changesAnnounced(jid)).containsExactly("starred", "read", "muted", "archived");

        String unknown = PREFIX + "20002@s.whatsapp.net";
        whatsapp.emit(new EngineEvent.ChatChanged(unknown, new ChatChange.Conversation(false, at, null, 3, false), at));
        authorized().get(SESSION + "/chats/" + unknown).then().statusCode(200).body("pinned", equalTo(true))
                .body("unreadCount", equalTo(3)).body("messageCount", equalTo(0));

        whatsapp.emit(new EngineEvent.ChatChanged(jid, new ChatChange.Delete(), at));
        authorized().get(SESSION + "/chats/" + jid).then().statusCode(404);
        assertThat(changesAnnounced(jid).getFirst()).isEqualTo("deleted");
    }

    @Test
    void labelsAreCreatedAssignedAndFollowThePhone() {
        whatsapp.resetToConnected();
        String jid = PREFIX + "30001@s.whatsapp.net";
        whatsapp.receive("WAID-LABEL-1", jid, "pedido");
        awaitChat(jid);

        String id = authorized().body(Map.of("name", "Pedido novo", "color", 3)).post(SESSION + "/labels").then()
                .statusCode(200).body("name", equalTo("Pedido novo")).extract().path("id");
        assertThat(whatsapp.appStateChanges().getLast().label()).isEqualTo(new LabelChange(id, "Pedido novo", 3, false));
        authorized().put(SESSION + "/labels/" + id + "/chats/" + jid).then().statusCode(200).body("labels", equalTo(List.of(id)));
        authorized().queryParam("label", id).get(SESSION + "/chats").then().body("items.jid", equalTo(List.of(jid)));
        assertThat(whatsapp.appStateChanges().getLast().change()).isEqualTo(new ChatChange.Label(id, null, true));

        whatsapp.emit(new EngineEvent.LabelEdited(new LabelChange("77", "Pago", 5, false), Instant.now()));
        authorized().get(SESSION + "/labels").then().body("items.find { it.id == '77' }.name", equalTo("Pago"));
        authorized().queryParam("type", "label.updated").get(SESSION + "/events").then().body("items[0].payload.name", equalTo("Pago"));
        whatsapp.emit(new EngineEvent.ChatChanged(jid, new ChatChange.Label("77", null, true), Instant.now()));
        authorized().queryParam("type", "label.assigned").get(SESSION + "/events").then()
                .body("items[0].payload.labelId", equalTo("77")).body("items[0].payload.chat", equalTo(jid));

        authorized().delete(SESSION + "/labels/" + id).then().statusCode(200);
        authorized().get(SESSION + "/chats/" + jid).then().body("labels", equalTo(List.of("77")));
        authorized().put(SESSION + "/labels/999/chats/" + jid).then().statusCode(404);
        authorized().body(Map.of("name", "Cor", "color", 20)).post(SESSION + "/labels").then().statusCode(400)
                .body("errors[0].field", equalTo("color"));
    }

    private static void awaitChat(String jid) {
        await().until(() -> authorized().get(SESSION + "/chats/" + jid).statusCode() == 200);
    }

    /** The {@code change} of each {@code chat.updated} of {@code jid}, newest first. */
    private static List<String> changesAnnounced(String jid) {
        List<Map<String, Object>> payloads = authorized().queryParam("type", "chat.updated").queryParam("limit", 200)
                .get(SESSION + "/events").then().statusCode(200).extract().path("items.payload");
        return payloads.stream().filter(payload -> jid.equals(payload.get("chat"))).map(payload -> (String) payload.get("change")).toList();
    }
}
