package io.kubezap.simulator.appstate;

import java.security.SecureRandom;
import java.time.Instant;

/** An account's app-state sync key, which its phone shares with every companion it links. */
record SyncKey(byte[] id, byte[] data, int fingerprint, Instant createdAt) {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ID_LENGTH = 6;
    private static final int DATA_LENGTH = 32;

    static SyncKey generate(Instant now) {
        var id = new byte[ID_LENGTH];
        var data = new byte[DATA_LENGTH];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(data);
        return new SyncKey(id, data, RANDOM.nextInt(Integer.MAX_VALUE), now);
    }
}
