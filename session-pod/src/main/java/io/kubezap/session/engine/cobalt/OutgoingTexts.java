package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.OutgoingText;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.info.ContextInfoBuilder;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.TextMessage;

/**
 * Builds the Cobalt message for an {@link OutgoingText}. The context (quote and mentions) is built
 * here because Cobalt's {@code ContextInfo.of(context, quoted)} drops the mentions.
 */
final class OutgoingTexts {

    private OutgoingTexts() {
    }

    static MessageContainer toMessage(OutgoingText outgoing, Store store) {
        var chat = Jid.of(outgoing.chatJid());
        var text = TextMessage.of(outgoing.text());
        var hasQuote = outgoing.quotedMessageId() != null && !outgoing.quotedMessageId().isBlank();
        if (hasQuote || !outgoing.mentions().isEmpty()) {
            var context = new ContextInfoBuilder()
                    .mentions(outgoing.mentions().stream().map(Jid::of).toList());
            if (hasQuote) {
                context.quotedMessageId(outgoing.quotedMessageId()).quotedMessageChatJid(chat);
                store.findMessageById(chat, outgoing.quotedMessageId())
                        .filter(MessageInfo.class::isInstance)
                        .map(MessageInfo.class::cast)
                        .ifPresent(quoted -> context
                                .quotedMessageSenderJid(quoted.senderJid())
                                .quotedMessage(quoted.message()));
            }
            text.setContextInfo(context.build());
        }
        return MessageContainer.of(text);
    }
}
