package io.kubezap.session.e2e;

import java.util.Map;

/**
 * {@link OutgoingCrashScenario} in storage mode Volume: a text every 100 ms, {@code -Doutgoing-crash.kills=N} kills
 * (default 20), each start on the data directory the kill left.
 */
class OutgoingCrashIT extends OutgoingCrashScenario {

    OutgoingCrashIT() {
        super("volume", Map.of(), 0, "outgoing-crash.kills", 20, 100);
    }
}
