package io.kubezap.session.presence;

import java.time.Instant;

/**
 * A contact's latest presence: {@code available}, {@code unavailable} (with {@code lastSeen} when they share it), or
 * in their chat with this account {@code composing}, {@code recording} or {@code paused}.
 */
public record Presence(String jid, String state, Instant lastSeen, Instant updatedAt) {
}
