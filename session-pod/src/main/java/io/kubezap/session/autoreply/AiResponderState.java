package io.kubezap.session.autoreply;

import java.time.Instant;

/**
 * A chat's AI responder as the API shows it: whether the session has one, this chat's switch, and until when a
 * person's answer silences it (null: not paused).
 */
public record AiResponderState(String chat, boolean configured, boolean enabled, Instant pausedUntil) {
}
