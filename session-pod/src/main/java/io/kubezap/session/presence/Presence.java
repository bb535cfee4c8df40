package io.kubezap.session.presence;

import java.time.Instant;

/**
 * A contact's latest presence: {@code available}, {@code unavailable} (with {@code lastSeen} when they share it), or
 * in their chat with this account {@code composing}, {@code recording} or {@code paused}. {@code jid} is the phone-number
 * JID when known; {@code lid} and {@code phoneNumber} as far as WhatsApp has told them.
 */
public record Presence(String jid, String lid, String phoneNumber, String state, Instant lastSeen, Instant updatedAt) {
}
