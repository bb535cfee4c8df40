package io.kubezap.session.engine;

/**
 * A batch of the phone's history not read yet: the notification that announced it ({@code notificationId}), which sync
 * and chunk it is ({@code syncType} as {@link EngineEvent.HistorySynced} names them), and where its encrypted blob
 * lives on WhatsApp's media host with the keys and hashes to read it (base64). Kept by the session until
 * {@link WhatsAppEngine#readHistory} reads it.
 */
public record HistoryBlob(String notificationId, String syncType, int chunkOrder, Integer progress, String directPath,
                          String mediaKey, String fileSha256, String fileEncSha256, long size) {

    /**
     * The most one batch may inflate to, on either engine (docs/security.md): a phone splits its history into chunks of
     * a few MiB, and an inflate bomb (a small blob that inflates without end) must not exhaust the pod's memory.
     */
    public static final int MAX_INFLATED_BYTES = 64 << 20;
}
