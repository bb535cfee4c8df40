package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.UnsupportedByEngine;

/**
 * Calendar events on Cobalt: none. Cobalt 0.0.10's {@code MessageContainer} (a generated protobuf model, every field
 * declared) has neither {@code eventMessage} (75) nor {@code encEventResponseMessage} (76) nor
 * {@code secretEncryptedMessage} (82), so it can build none and drops them unread when they arrive. Adding them means
 * replacing {@code MessageContainer} and its generated codec in {@code cobalt-patches}: not done (session-pod README).
 */
final class CalendarEvents {

    private CalendarEvents() {
    }

    static UnsupportedByEngine unsupported() {
        return new UnsupportedByEngine("Cobalt", "Calendar events (event messages)",
                "Cobalt 0.0.10's message model has no eventMessage, encEventResponseMessage or secretEncryptedMessage;"
                        + " use spec.engine Baileys for events");
    }
}
