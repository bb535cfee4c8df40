package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.info.ChatMessageInfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The messages this session sent lately, by id, as they went to Cobalt, for a device that asks for one again
 * ({@link RetryReceipts}). Cobalt 0.0.10 files a sent message in its store only once WhatsApp acked it, and a retry
 * receipt may come first: the message is kept here from before it is sent. As whatsmeow keeps its recent messages for
 * retries, the last {@value #KEPT}; older ones are found in Cobalt's store.
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

    synchronized Optional<ChatMessageInfo> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
