package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ContextualMessage;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.message.standard.TextMessage;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Maps Cobalt's messages and statuses to the port's types. */
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

    /**
     * The receipt a status callback reports. Cobalt 0.0.10 calls {@code onMessageStatus} before it sets the
     * message's new status (the status is one receipt behind), but after it has recorded who delivered or
     * read it; those records say what the receipt was.
     */
    static Optional<EngineEvent.Receipt> receipt(ChatMessageInfo message) {
        var byStatus = receipt(message.status());
        if (byStatus.isPresent() && byStatus.get() != EngineEvent.Receipt.DELIVERED) {
            return byStatus;
        }
        if (!message.receipt().readJids().isEmpty()) {
            return Optional.of(EngineEvent.Receipt.READ);
        }
        if (!message.receipt().deliveredJids().isEmpty()) {
            return Optional.of(EngineEvent.Receipt.DELIVERED);
        }
        return byStatus;
    }

    static Optional<EngineEvent.Receipt> receipt(MessageStatus status) {
        return switch (status) {
            case DELIVERED -> Optional.of(EngineEvent.Receipt.DELIVERED);
            case READ -> Optional.of(EngineEvent.Receipt.READ);
            case PLAYED -> Optional.of(EngineEvent.Receipt.PLAYED);
            default -> Optional.empty();
        };
    }
}
