package io.kubezap.simulator.history;

import it.auties.whatsapp.model.jid.Jid;

import java.util.List;

/**
 * A conversation a phone had before a companion was linked, oldest message first, with what the phone's chat list
 * shows of it: its name, unread count, archived, pinned (since when, seconds; 0 when not) and muted until (seconds; 0
 * when not).
 */
public record PastChat(Jid jid, String name, List<PastMessage> messages, int unreadCount, boolean archived,
                       long pinnedAtSeconds, long mutedUntilSeconds) {

    public PastChat {
        messages = List.copyOf(messages);
    }
}
