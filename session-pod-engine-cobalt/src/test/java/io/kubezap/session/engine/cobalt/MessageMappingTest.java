package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.OutgoingText;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.info.ContextInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.message.standard.TextMessage;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MessageMappingTest {

    private static final String CHAT = "5511999999999@s.whatsapp.net";
    private static final String MENTIONED = "5511888888888@s.whatsapp.net";

    @StoreDirectory
    Path dir;

    @Test
    void replyKeepsItsMentions() {
        var store = ControllerSerializer.toProtobuf(dir).newStoreKeysPair(UUID.randomUUID(), null, null, ClientType.WEB).store();

        var message = OutgoingMessageBuilder.toMessage(new OutgoingText(CHAT, "see above @5511888888888", "3EB0QUOTED", List.of(MENTIONED)), store);

        var context = ((TextMessage) message.content()).contextInfo().orElseThrow();
        assertThat(context.quotedMessageId()).contains("3EB0QUOTED");
        assertThat(context.mentions()).extracting(Jid::toString).containsExactly(MENTIONED);
        assertThat(((TextMessage) message.content()).text()).isEqualTo("see above @5511888888888");
    }

    @Test
    void aChatJidFromTextFindsTheChatADecodedJidCreated() {
        var store = ControllerSerializer.toProtobuf(dir).newStoreKeysPair(UUID.randomUUID(), null, null, ClientType.WEB).store();
        var chatOfAReceivedMessage = store.addNewChat(Jid.of("5511999999999", JidServer.whatsapp()));

        assertThat(store.findChatByJid(OutgoingMessageBuilder.jid(CHAT))).containsSame(chatOfAReceivedMessage);
        // what the parsed jid is for: Cobalt's own parse equals the chat's jid but hashes differently
        assertThat(Jid.of(CHAT)).isEqualTo(chatOfAReceivedMessage.jid()).doesNotHaveSameHashCodeAs(chatOfAReceivedMessage.jid());
    }

    @Test
    void plainTextHasNoContext() {
        var store = ControllerSerializer.toProtobuf(dir).newStoreKeysPair(UUID.randomUUID(), null, null, ClientType.WEB).store();

        var message = OutgoingMessageBuilder.toMessage(new OutgoingText(CHAT, "hello", null, List.of()), store);

        assertThat(((TextMessage) message.content()).contextInfo()).isEmpty();
    }

    @Test
    void incomingReplyIsMappedWithQuoteMentionsAndSender() {
        var text = TextMessage.of("hi @5511888888888");
        text.setContextInfo(new ContextInfoBuilder().quotedMessageId("3EB0ORIGINAL").mentions(List.of(Jid.of(MENTIONED))).build());
        var info = new ChatMessageInfoBuilder()
                .key(new ChatMessageKeyBuilder().id("3EB0INCOMING").chatJid(Jid.of(CHAT)).senderJid(Jid.of(CHAT)).fromMe(false).build())
                .senderJid(Jid.of(CHAT))
                .message(MessageContainer.of(text))
                .timestampSeconds(1_790_000_000L)
                .pushName("Maria")
                .status(MessageStatus.DELIVERED)
                .build();

        var incoming = IncomingMessageMapper.from(info, Instant.EPOCH);

        assertThat(incoming).usingRecursiveComparison().ignoringFields("raw").isEqualTo(new EngineEvent.IncomingMessage("3EB0INCOMING",
                CHAT, CHAT, "Maria", new MessageContent.Text("hi @5511888888888"), "3EB0ORIGINAL", List.of(MENTIONED),
                Instant.ofEpochSecond(1_790_000_000L)));
        assertThat(incoming.raw().json()).as("WhatsApp's message, written when asked for").contains("3EB0INCOMING", "hi @5511888888888");
    }
}
