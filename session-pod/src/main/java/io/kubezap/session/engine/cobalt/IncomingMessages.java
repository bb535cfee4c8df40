package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ContextualMessage;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.standard.TextMessage;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Maps Cobalt's messages to the port's types. */
final class IncomingMessages {

    private static final Set<Message.Type> NOT_USER_MESSAGES =
            EnumSet.of(Message.Type.EMPTY, Message.Type.PROTOCOL, Message.Type.SENDER_KEY_DISTRIBUTION);

    private IncomingMessages() {
    }

    /** A message someone else wrote, as opposed to own messages, protocol traffic and group stubs. */
    static Optional<ChatMessageInfo> fromOthers(MessageInfo<?> message) {
        return message instanceof ChatMessageInfo chat && !chat.fromMe() && chat.stubType().isEmpty()
                && !NOT_USER_MESSAGES.contains(chat.message().type()) ? Optional.of(chat) : Optional.empty();
    }

    static EngineEvent.IncomingMessage from(ChatMessageInfo info, Instant receivedAt) {
        var content = info.message().content();
        var text = content instanceof TextMessage textMessage ? textMessage.text() : null;
        var context = info.message().contentWithContext().flatMap(ContextualMessage::contextInfo);
        var mentions = context.map(found -> found.mentions().stream().map(Jid::toString).toList()).orElse(List.of());
        // the quoted id alone is enough: Cobalt's quotedMessage() is empty unless the quoted content came along
        var quotedId = context.flatMap(ContextInfo::quotedMessageId).orElse(null);
        var timestamp = info.timestampSeconds().isPresent()
                ? Instant.ofEpochSecond(info.timestampSeconds().getAsLong())
                : receivedAt;
        return new EngineEvent.IncomingMessage(
                info.id(),
                info.chatJid().toString(),
                info.senderJid().toString(),
                info.pushName().orElse(null),
                info.message().type().name().toLowerCase(Locale.ROOT),
                text,
                quotedId,
                mentions,
                timestamp);
    }
}
