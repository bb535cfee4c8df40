package io.kubezap.contract;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.time.Instant;

/**
 * A QR or a pairing code, valid until {@code expiresAt}: what the session pod serves and the operator copies into the
 * session's pairing Secret ({@link SessionObjectNames#pairingSecretName}) and, unless the installation keeps codes out
 * of it, into the resource's status ({@code status.qr}, {@code status.pairingCode}).
 */
public record ExpiringCode(
        @JsonPropertyDescription("The QR to render (a https://wa.me/settings/linked_devices# link), or the pairing code to type on the phone.") String code,
        @JsonPropertyDescription("When the code stops being accepted (RFC 3339).") Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
