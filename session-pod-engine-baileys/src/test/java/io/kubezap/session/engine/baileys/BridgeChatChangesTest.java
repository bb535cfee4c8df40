package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.HistoryConversation;
import io.kubezap.session.engine.LabelChange;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.WhatsAppRoute;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** History batches and chats' app state through the bridge (PROTOCOL.md), both ways. */
class BridgeChatChangesTest {

    private static final Instant AT = Instant.ofEpochMilli(1764000000000L);
    private static final String CHAT = "5511988880037@s.whatsapp.net";

    private final ObjectMapper json = new ObjectMapper();
    private final BridgeEvents events = new BridgeEvents(Clock.fixed(AT, ZoneOffset.UTC), WhatsAppRoute.DIRECT);

    @Test
    void aHistoryBatchCarriesEachChatAsThePhoneHasItWithItsMessages() throws IOException {
        var batch = (EngineEvent.HistorySynced) event("{\"event\":\"history\",\"id\":\"H1\",\"syncType\":\"recent\",\"chunkOrder\":2,"
                + "\"progress\":40,\"conversations\":[{\"jid\":\"" + CHAT + "\",\"name\":\"Contato 1\",\"unreadCount\":3,"
                + "\"archived\":true,\"pinned\":1763990000,\"muteEndTime\":-1,\"messages\":[{\"id\":\"M1\",\"chat\":\"" + CHAT
                + "\",\"sender\":\"5511999990037@s.whatsapp.net\",\"fromMe\":true,\"timestamp\":1763000000000,\"text\":\"oi\","
                + "\"kind\":\"conversation\",\"mentions\":[]}]},{\"jid\":\"5511@s.whatsapp.net\",\"name\":null,"
                + "\"unreadCount\":0,\"archived\":false,\"pinned\":0,\"muteEndTime\":1893456000000,\"messages\":[]}]}");

        assertThat(batch.syncType()).isEqualTo("recent");
        assertThat(batch.chunkOrder()).isEqualTo(2);
        assertThat(batch.progress()).isEqualTo(40);
        HistoryConversation first = batch.conversations().getFirst();
        assertThat(first.archived()).isTrue();
        assertThat(first.unreadCount()).isEqualTo(3);
        assertThat(first.pinnedAt()).isEqualTo(Instant.ofEpochSecond(1763990000));
        assertThat(first.mutedUntil()).isEqualTo(ChatChange.MUTED_FOREVER);
        assertThat(first.messages()).singleElement().satisfies(message -> {
            assertThat(message.fromMe()).isTrue();
            assertThat(message.content()).isEqualTo(new MessageContent.Text("oi"));
        });
        assertThat(batch.conversations().getLast().mutedUntil()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(batch.conversations().getLast().pinnedAt()).isNull();
    }

    @Test
    void aBatchWithoutConversationsIsNothingToStore() throws IOException {
        assertThat(events.toEngineEvent(json.readTree("{\"event\":\"history\",\"id\":\"H0\",\"syncType\":\"bootstrap\","
                + "\"chunkOrder\":0,\"progress\":100,\"conversations\":[]}"))).isEmpty();
    }

    @Test
    void eachChangeThePhoneMadeIsOneChatChange() throws IOException {
        assertThat(changed("\"archived\":true")).isEqualTo(new ChatChange.Archive(true));
        assertThat(changed("\"pinned\":false")).isEqualTo(new ChatChange.Pin(false));
        assertThat(changed("\"muteEndTime\":-1")).isEqualTo(new ChatChange.Mute(ChatChange.MUTED_FOREVER));
        assertThat(changed("\"muteEndTime\":null")).isEqualTo(new ChatChange.Mute(null));
        assertThat(changed("\"read\":false")).isEqualTo(new ChatChange.MarkRead(false));
        assertThat(changed("\"deleted\":true")).isEqualTo(new ChatChange.Delete());
        assertThat(changed("\"cleared\":true,\"keepStarred\":true")).isEqualTo(new ChatChange.Clear(true));
        assertThat(changed("\"cleared\":true,\"keepStarred\":false")).isEqualTo(new ChatChange.Clear(false));
        assertThat(changed("\"star\":{\"id\":\"M1\",\"fromMe\":false,\"starred\":true}"))
                .isEqualTo(new ChatChange.Star("M1", false, null, true));
        assertThat(changed("\"label\":{\"id\":\"4\",\"messageId\":null,\"labeled\":true}"))
                .isEqualTo(new ChatChange.Label("4", null, true));
    }

    @Test
    void labelsAndTheAddressBookAndThePushNameArriveAsTheirEvents() throws IOException {
        assertThat(event("{\"event\":\"label\",\"id\":\"4\",\"name\":\"Encomenda\",\"color\":6,\"deleted\":false,\"at\":1764000000000}"))
                .isEqualTo(new EngineEvent.LabelEdited(new LabelChange("4", "Encomenda", 6, false), AT));
        assertThat(event("{\"event\":\"contact\",\"jid\":\"" + CHAT + "\",\"name\":\"Dona Ana\"}"))
                .isEqualTo(new EngineEvent.ContactSaved(CHAT, "Dona Ana", null));
        assertThat(((EngineEvent.AccountUpdated) event("{\"event\":\"account\",\"jid\":\"5511999990037@s.whatsapp.net\","
                + "\"name\":\"Loja\"}")).account().pushName()).isEqualTo("Loja");
    }

    @Test
    void theApisChangesAreBaileysChatModifications() {
        assertThat(BridgeChatChanges.modification(new ChatChange.Mute(Instant.parse("2099-01-01T00:00:00Z"))).toString())
                .isEqualTo("{\"mute\":4070908800000}");
        assertThat(BridgeChatChanges.modification(new ChatChange.Mute(ChatChange.MUTED_FOREVER)).toString()).isEqualTo("{\"mute\":-1}");
        assertThat(BridgeChatChanges.modification(new ChatChange.Mute(null)).toString()).isEqualTo("{\"mute\":null}");
        assertThat(BridgeChatChanges.modification(new ChatChange.MarkRead(false)).toString()).isEqualTo("{\"markRead\":false}");
        assertThat(BridgeChatChanges.modification(new ChatChange.Clear(true)).toString()).isEqualTo("{\"clear\":true,\"keepStarred\":true}");
        assertThat(BridgeChatChanges.modification(new ChatChange.Star("M1", false, null, true)).toString())
                .isEqualTo("{\"star\":{\"star\":true,\"messages\":[{\"id\":\"M1\",\"fromMe\":false}]}}");
        assertThat(BridgeChatChanges.modification(new ChatChange.Label("4", null, true)).toString())
                .isEqualTo("{\"addChatLabel\":{\"labelId\":\"4\"}}");
        assertThat(BridgeChatChanges.modification(new ChatChange.Label("4", "M1", false)).toString())
                .isEqualTo("{\"removeMessageLabel\":{\"labelId\":\"4\",\"messageId\":\"M1\"}}");
        assertThat(BridgeChatChanges.modification(new LabelChange("5", "Pago", 3, false)).toString())
                .isEqualTo("{\"addLabel\":{\"id\":\"5\",\"name\":\"Pago\",\"color\":3,\"deleted\":false}}");
    }

    private ChatChange changed(String fields) throws IOException {
        var changed = (EngineEvent.ChatChanged) event("{\"event\":\"chat\",\"chat\":\"" + CHAT + "\"," + fields + ",\"at\":1764000000000}");
        assertThat(changed.chatJid()).isEqualTo(CHAT);
        assertThat(changed.at()).isEqualTo(AT);
        return changed.change();
    }

    private EngineEvent event(String line) throws IOException {
        return events.toEngineEvent(json.readTree(line)).orElseThrow();
    }
}
