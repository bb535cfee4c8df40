package io.kubezap.session.chat;

import java.time.Instant;

public record Chat(String jid, String name, long messageCount, String lastMessageId, Instant lastMessageAt) {
}
