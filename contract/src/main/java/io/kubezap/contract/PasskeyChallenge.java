package io.kubezap.contract;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.time.Instant;

/**
 * WhatsApp asks for the account owner's passkey before it completes a link (its {@code passkey_prologue_request}, on
 * accounts protected so since 2026): the WebAuthn challenge to answer in a browser tab on web.whatsapp.com, where the
 * session pod serves it, the operator copies it (into {@code status.passkey} and the pairing Secret, as the codes) and
 * the dashboard and {@code kubectl zap link} show it. The answer goes to {@code POST …/pairing/passkey}.
 */
public record PasskeyChallenge(
        @JsonPropertyDescription("The WebAuthn challenge (base64url) the assertion must sign.") String challenge,
        @JsonPropertyDescription("The relying party the passkey belongs to (whatsapp.com).") String rpId,
        @JsonPropertyDescription("WhatsApp's request options as JSON, for PublicKeyCredential.parseRequestOptionsFromJSON() and navigator.credentials.get().") String requestOptions,
        @JsonPropertyDescription("When WhatsApp stops accepting an answer to this challenge (RFC 3339); a late answer gets a new challenge.") Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !expiresAt.isAfter(now);
    }
}
