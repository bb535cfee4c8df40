package io.kubezap.session.engine.cobalt;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When the QR of each ref of a {@code pair-device} request is shown: the first for {@code firstLifetime}
 * (≈60 s, time to open the phone's scanner), each further one for {@code nextLifetime} (≈20 s),
 * back to back. After the last slot expires the connection must be renewed for fresh refs.
 */
public record QrSchedule(Duration firstLifetime, Duration nextLifetime) {

    public static final QrSchedule WHATSAPP_WEB = new QrSchedule(Duration.ofSeconds(60), Duration.ofSeconds(20));

    public record Slot(String payload, Instant shownAt, Instant expiresAt) {
    }

    public List<Slot> plan(List<String> payloads, Instant start) {
        var slots = new ArrayList<Slot>(payloads.size());
        var shownAt = start;
        for (var payload : payloads) {
            var lifetime = slots.isEmpty() ? firstLifetime : nextLifetime;
            var expiresAt = shownAt.plus(lifetime);
            slots.add(new Slot(payload, shownAt, expiresAt));
            shownAt = expiresAt;
        }
        return List.copyOf(slots);
    }
}
