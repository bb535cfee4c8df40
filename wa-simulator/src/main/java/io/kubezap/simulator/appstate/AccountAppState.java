package io.kubezap.simulator.appstate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's app state on the server: its sync key and its five collections. The account's push
 * name lives in {@code critical_block} under {@code ["setting_pushName"]}, which is how a companion
 * learns the name of the account it is linked to.
 */
public final class AccountAppState {
    public static final String PUSH_NAME_COLLECTION = "critical_block";
    private static final List<String> COLLECTIONS =
            List.of(PUSH_NAME_COLLECTION, "critical_unblock_low", "regular_high", "regular_low", "regular");
    private static final String PUSH_NAME_INDEX = "[\"setting_pushName\"]";

    private final SyncKey key;
    private final Map<String, AppStateCollection> collections = new LinkedHashMap<>();

    public AccountAppState(String pushName, Instant now) {
        key = SyncKey.generate(now);
        COLLECTIONS.forEach(name -> collections.put(name, new AppStateCollection(name, key)));
        setPushName(pushName, now);
    }

    /** Records a new push name in a new {@code critical_block} patch; returns the collection's new version. */
    public long setPushName(String pushName, Instant at) {
        return collections.get(PUSH_NAME_COLLECTION).set(PUSH_NAME_INDEX, SyncProtobufs.pushNameSetting(pushName, at));
    }

    public Optional<AppStateCollection> collection(String name) {
        return Optional.ofNullable(collections.get(name));
    }

    public List<AppStateCollection> collections() {
        return List.copyOf(collections.values());
    }

    /** The {@code Message} (unpadded) a phone sends a new companion to share the sync key. */
    public byte[] keyShareMessage() {
        return SyncProtobufs.keyShare(key);
    }
}
