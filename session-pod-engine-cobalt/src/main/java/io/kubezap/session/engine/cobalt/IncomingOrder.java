package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.chat.Chat;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts Cobalt's new-message callbacks back in arrival order. Cobalt 0.0.10 adds each decrypted message
 * to its chat in the order the server delivered them, then calls every listener on a virtual thread
 * of its own, so a burst (the offline queue after a restart) reaches the listener shuffled. On each
 * callback this hands out, in the chat's order, every message to announce that the chat gained and
 * that was not handed out yet, up to the one called back (and any after it).
 */
final class IncomingOrder {

    /** How far back in a chat to look for messages not handed out yet: a burst arrives within minutes. */
    private static final long LOOK_BACK_SECONDS = 600;
    private static final int REMEMBERED = 10_000;

    private final Set<String> handedOut = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    /**
     * The messages to announce now, oldest first; empty when {@code called} was already handed out.
     *
     * @param chat the chat {@code called} belongs to, as Cobalt's store holds it (the message's own link to it is not set)
     * @param self this device's JID: what it sent itself is not announced
     */
    synchronized List<ChatMessageInfo> next(ChatMessageInfo called, Optional<Chat> chat, Jid self) {
        if (handedOut.contains(key(called))) {
            return List.of();
        }
        var since = called.timestampSeconds().orElse(0L) - LOOK_BACK_SECONDS;
        var newestFirst = new ArrayList<ChatMessageInfo>();
        if (chat.isPresent()) {
            var messages = new ArrayList<>(chat.get().historySyncMessages());
            for (var index = messages.size() - 1; index >= 0; index--) {
                var info = messages.get(index).messageInfo();
                if (info.timestampSeconds().orElse(Long.MAX_VALUE) < since) {
                    break;
                }
                if (!handedOut.contains(key(info)) && IncomingMessageMapper.announced(info, self).isPresent()) {
                    newestFirst.add(info);
                }
            }
        }
        if (newestFirst.stream().noneMatch(info -> key(info).equals(key(called)))) {
            newestFirst.addFirst(called);
        }
        var oldestFirst = newestFirst.reversed();
        oldestFirst.forEach(info -> handedOut.add(key(info)));
        return oldestFirst;
    }

    private static String key(ChatMessageInfo info) {
        return info.chatJid() + "/" + info.id();
    }
}
