package io.kubezap.session.message;

import java.time.Instant;

public record StatusChange(MessageStatus status, String reason, Instant at) {
}
