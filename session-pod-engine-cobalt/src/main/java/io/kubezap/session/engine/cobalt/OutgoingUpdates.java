package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.controller.Store;
import io.kubezap.session.engine.MessageUpdate;
import io.kubezap.session.engine.OutgoingUpdate;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.server.ProtocolMessage;
import it.auties.whatsapp.model.message.server.ProtocolMessageBuilder;
import it.auties.whatsapp.model.message.standard.ReactionMessageBuilder;
import it.auties.whatsapp.model.message.standard.TextMessage;

import java.time.Clock;

/**
 * Builds the messages that change another one. Each is a message of its own, with a new id, naming the target by its
 * key as this account sees the chat. An edit is a {@code MESSAGE_EDIT} protocol message carrying the new text, as
 * WhatsApp's clients send it (Cobalt's {@code editMessage} resends the old id instead).
 */
final class OutgoingUpdates {

    private static final Clock CLOCK = Clock.systemUTC();

    private OutgoingUpdates() {
    }

    static MessageContainer toMessage(OutgoingUpdate outgoing, Store store) {
        var target = outgoing.target();
        var keyBuilder = new ChatMessageKeyBuilder().id(target.messageId()).chatJid(OutgoingMessageBuilder.jid(target.chatJid()))
                .fromMe(target.fromMe());
        if (!target.fromMe() && target.senderJid() != null && target.chatJid().endsWith("@g.us")) {
            keyBuilder.senderJid(OutgoingMessageBuilder.jid(target.senderJid()));
        }
        var key = keyBuilder.build();
        return switch (outgoing.update()) {
            // the field is named in seconds but WhatsApp carries milliseconds there
            case MessageUpdate.Reaction reaction -> MessageContainer.of(new ReactionMessageBuilder().key(key)
                    .content(reaction.emoji()).timestampSeconds(CLOCK.millis()).build());
            case MessageUpdate.Edit edit -> MessageContainer.of(new ProtocolMessageBuilder().key(key)
                    .protocolType(ProtocolMessage.Type.MESSAGE_EDIT)
                    .editedMessage(MessageContainer.of(TextMessage.of(edit.text())))
                    .timestampMilliseconds(CLOCK.millis()).build());
            case MessageUpdate.Revoke ignored -> MessageContainer.of(new ProtocolMessageBuilder().key(key)
                    .protocolType(ProtocolMessage.Type.REVOKE).build());
            case MessageUpdate.PollVote ignored -> throw new IllegalArgumentException("this pod does not vote");
            case MessageUpdate.EventResponse ignored -> throw new IllegalArgumentException("this pod does not answer events");
            case MessageUpdate.EventEdit edit -> EventSecrets.edit(store, key.chatJid(), target.messageId(), edit.event());
            case MessageUpdate.HdCopy ignored -> throw new IllegalArgumentException("an HD copy is sent with its photo, never alone");
        };
    }
}
