package io.kubezap.session.e2e;

import java.util.Map;

/**
 * {@link OutgoingCrashScenario} in storage mode Database (issue 50, part 1): the key store's row in PostgreSQL is the
 * source of truth and the data directory a cache, emptied before every second start as a pod rescheduled to another
 * node finds it. {@code -Doutgoing-crash.database-kills=N} kills (default 8, fewer than the volume mode's 20: the kill
 * points are the same, and CI time counts); a text every 200 ms, as in {@link DatabaseModeIT}, since every send writes
 * the whole key store to PostgreSQL before WhatsApp is told.
 */
class OutgoingCrashDatabaseModeIT extends OutgoingCrashScenario {

    OutgoingCrashDatabaseModeIT() {
        super("database", Map.of("KUBEZAP_STORAGE_MODE", "Database"), 2, "outgoing-crash.database-kills", 8, 200);
    }
}
