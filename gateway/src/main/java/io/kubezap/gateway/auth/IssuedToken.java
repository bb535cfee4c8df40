package io.kubezap.gateway.auth;

import java.time.Instant;

/** The answer to {@code POST /api/v1/tokens}. */
public record IssuedToken(String token, Instant expiresAt) {
}
