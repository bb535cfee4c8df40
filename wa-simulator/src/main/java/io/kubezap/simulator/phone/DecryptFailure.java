package io.kubezap.simulator.phone;

import it.auties.whatsapp.model.jid.Jid;

import java.time.Instant;

/**
 * A message this phone could not decrypt: who sent it, why, and how many retry receipts the phone sent for it;
 * {@code recoveredAt} is when a resend finally decrypted.
 */
public record DecryptFailure(String id, Jid fromDevice, String reason, int retries, Instant failedAt, Instant recoveredAt) {

    DecryptFailure retried(String newReason, Instant at) {
        return new DecryptFailure(id, fromDevice, newReason, retries + 1, at, recoveredAt);
    }

    DecryptFailure recovered(Instant at) {
        return new DecryptFailure(id, fromDevice, reason, retries, failedAt, at);
    }
}
