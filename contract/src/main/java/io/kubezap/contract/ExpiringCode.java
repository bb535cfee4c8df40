package io.kubezap.contract;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.time.Instant;

/**
 * A QR payload or a pairing code, valid until {@code expiresAt}: what the session pod serves and the operator copies
 * into the session's pairing Secret ({@link SessionObjectNames#pairingSecretName}), never into the resource's status.
 */
public record ExpiringCode(
        @JsonPropertyDescription("The QR payload to render, or the pairing code to type on the phone.") String code,
        @JsonPropertyDescription("When the code stops being accepted (RFC 3339).") Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
