package io.kubezap.simulator.history;

import io.kubezap.simulator.protobuf.ProtobufReader;

import java.util.Optional;

/**
 * How much history a companion asked for when it paired, read from the {@code DeviceProps} (companion props) of its
 * registration: {@code historySyncConfig.storageQuotaMb} 0 asks for none beyond the account's push names,
 * {@code requireFullSync} for everything, anything else for the recent history (as WhatsApp Web's default).
 */
public enum HistoryDepth {
    NONE, RECENT, FULL;

    private static final int REQUIRE_FULL_SYNC = 4;
    private static final int HISTORY_SYNC_CONFIG = 5;
    private static final int STORAGE_QUOTA_MB = 3;

    /** The depth {@code companionProps} (absent: a client that says nothing) asks for. */
    public static HistoryDepth of(byte[] companionProps) {
        if (companionProps == null) {
            return RECENT;
        }
        var props = ProtobufReader.read(companionProps);
        if (props.bool(REQUIRE_FULL_SYNC).orElse(false)) {
            return FULL;
        }
        Optional<Integer> quota = props.bytes(HISTORY_SYNC_CONFIG)
                .flatMap(config -> ProtobufReader.read(config).uint32(STORAGE_QUOTA_MB));
        return quota.filter(mb -> mb == 0).isPresent() ? NONE : RECENT;
    }
}
