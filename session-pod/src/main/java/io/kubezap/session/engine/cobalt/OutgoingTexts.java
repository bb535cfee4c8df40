package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.OutgoingText;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.info.ContextInfoBuilder;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
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
        var chat = jid(outgoing.chatJid());
        var text = TextMessage.of(outgoing.text());
        var hasQuote = outgoing.quotedMessageId() != null && !outgoing.quotedMessageId().isBlank();
        if (hasQuote || !outgoing.mentions().isEmpty()) {
            var context = new ContextInfoBuilder()
                    .mentions(outgoing.mentions().stream().map(OutgoingTexts::jid).toList());
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

    /**
     * The jid as Cobalt's node decoder builds it. Cobalt 0.0.10's text parser gives {@code s.whatsapp.net} a server
     * of type UNKNOWN (its 14-character check sits under {@code case 13}): equal to the decoder's, but with another
     * hash. The store keys chats by jid, so a message sent to such a jid lands in a twin chat, apart from the
     * conversation's received messages, where Cobalt's own receipt handling and quote lookups never find it.
     */
    static Jid jid(String text) {
        var parsed = Jid.of(text);
        return parsed.withServer(JidServer.of(parsed.server().address()));
    }
}
