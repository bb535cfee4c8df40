package io.kubezap.gateway.events;

import java.time.Instant;

/** The answer to {@code POST /api/v1/tokens}. */
public record IssuedToken(String token, Instant expiresAt) {
}
