package io.kubezap.simulator.history;

import java.util.List;

/**
 * One history sync notification a phone sent a companion, as the simulator records it: which sync and chunk it was,
 * the blob it named on the media host (none for the inline bootstrap), the messages the blob held and, for an
 * on-demand answer, the id of the request it answers.
 */
public record SentHistorySync(String syncType, int chunkOrder, int progress, String directPath, List<String> messageIds,
                              String requestId) {

    public SentHistorySync {
        messageIds = List.copyOf(messageIds);
    }

    static String syncTypeName(int syncType) {
        return switch (syncType) {
            case HistorySyncBootstrap.INITIAL_BOOTSTRAP -> "INITIAL_BOOTSTRAP";
            case HistorySyncBootstrap.FULL -> "FULL";
            case HistorySyncBootstrap.RECENT -> "RECENT";
            case HistorySyncBootstrap.ON_DEMAND -> "ON_DEMAND";
            default -> String.valueOf(syncType);
        };
    }

    /** What sending {@code chunk} (uploaded at {@code directPath}, null when inline) is recorded as. */
    public static SentHistorySync of(HistoryPlan.Chunk chunk, String directPath, String requestId) {
        var ids = chunk.slices().stream().flatMap(slice -> slice.messages().stream()).map(PastMessage::id).toList();
        return new SentHistorySync(syncTypeName(chunk.syncType()), chunk.chunkOrder(), chunk.progress(), directPath, ids, requestId);
    }

    /** The inline bootstrap of a phone with no past conversations (or for a companion that asked for none). */
    public static SentHistorySync inlineBootstrap() {
        return new SentHistorySync(syncTypeName(HistorySyncBootstrap.INITIAL_BOOTSTRAP), 0, HistorySyncBootstrap.COMPLETE, null,
                List.of(), null);
    }
}
