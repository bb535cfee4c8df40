package io.kubezap.session.call;

import java.time.Instant;

/**
 * A call to the session's account. {@code status}: {@code ringing}, {@code accepted} (answered on another device),
 * {@code rejected}, {@code ended}, {@code timed_out} (nobody answered); {@code rejectedBy}: {@code api}, {@code auto}
 * (the session's auto-reject) or {@code other-device}; {@code offline}: the offer arrived after the call was over.
 * {@code from}: the caller's phone-number JID when known, else the address WhatsApp used; {@code lid} and
 * {@code phoneNumber} as far as WhatsApp has told them.
 */
public record Call(String id, String from, String lid, String phoneNumber, boolean video, String status, boolean offline, String rejectedBy,
                   Instant offeredAt, Instant updatedAt) {

    public boolean ringing() {
        return status.equals("ringing");
    }
}
