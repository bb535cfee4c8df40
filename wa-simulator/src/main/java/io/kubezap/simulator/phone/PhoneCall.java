package io.kubezap.simulator.phone;

import it.auties.whatsapp.model.jid.Jid;

import java.time.Instant;

/**
 * A call a phone placed, as its screen shows it: {@code ringing}, {@code rejected} (declined by a device of the callee,
 * {@code rejectedBy}), {@code ended} (the caller hung up) or {@code timed_out} (nobody answered).
 */
public record PhoneCall(String id, Jid to, boolean video, String status, String rejectedBy, Instant startedAt, Instant endedAt) {

    PhoneCall end(String newStatus, String by, Instant at) {
        return new PhoneCall(id, to, video, newStatus, by, startedAt, at);
    }
}
