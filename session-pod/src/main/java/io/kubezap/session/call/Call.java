package io.kubezap.session.call;

import java.time.Instant;

/**
 * A call to the session's account. {@code status}: {@code ringing}, {@code accepted} (answered on another device),
 * {@code rejected}, {@code ended}, {@code timed_out} (nobody answered); {@code rejectedBy}: {@code api}, {@code auto}
 * (the session's auto-reject) or {@code other-device}; {@code offline}: the offer arrived after the call was over.
 */
public record Call(String id, String from, boolean video, String status, boolean offline, String rejectedBy,
                   Instant offeredAt, Instant updatedAt) {

    public boolean ringing() {
        return status.equals("ringing");
    }
}
