package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.server.ProtocolMessage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The messages this session sent lately, by id, as they went to Cobalt, for a device that asks for one again
 * ({@link RetryReceipts}). Cobalt 0.0.10 files a sent message in its store only once WhatsApp acked it, and a retry
 * receipt may come first: the message is kept here from before it is sent. As whatsmeow keeps its recent messages for
 * retries, the last {@value #KEPT}; older ones are found in Cobalt's store.
 *
 * <p>A message holds what it says now: once an edit of it went out, its content is the edit's; once a deletion for
 * everyone went out, it is empty and is not sent again. Both here and in Cobalt's store, so that a retry receipt never
 * hands out what the session took back.
 */
final class SentMessages {

    static final int KEPT = 256;

    private final Map<String, ChatMessageInfo> byId = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ChatMessageInfo> eldest) {
            return size() > KEPT;
        }
    };

    synchronized void sending(ChatMessageInfo message) {
        byId.put(message.id(), message);
    }

    /** The message sent under {@code id}, whichever chat it went to: the caller checks the chat. */
    synchronized Optional<ChatMessageInfo> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** An edit or deletion for everyone that WhatsApp accepted: its target now says what it says. */
    void changed(Whatsapp client, ChatMessageInfo change) {
        if (!(change.message().content() instanceof ProtocolMessage protocol) || protocol.key().isEmpty()) {
            return;
        }
        var now = switch (protocol.protocolType()) {
            case MESSAGE_EDIT -> protocol.editedMessage().orElse(null);
            case REVOKE -> MessageContainer.empty();
            default -> null;
        };
        var target = protocol.key().get();
        if (now == null || !target.fromMe()) {
            return;
        }
        find(target.id()).filter(kept -> kept.chatJid().toSimpleJid().equals(change.chatJid().toSimpleJid()))
                .ifPresent(kept -> kept.setMessage(now));
        var store = client.store();
        store.findChatByJid(change.chatJid()).flatMap(chat -> store.findMessageById(chat, target.id()))
                .ifPresent(filed -> filed.setMessage(now));
    }
}
