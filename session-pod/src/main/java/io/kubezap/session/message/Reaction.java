package io.kubezap.session.message;

import java.time.Instant;

/** Someone's emoji on a message ({@code from}: their JID). */
public record Reaction(String from, String emoji, Instant at) {
}
