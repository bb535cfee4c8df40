package io.kubezap.contract;

/**
 * Where a session keeps what it must not lose ({@code spec.storage.mode}); the CRD's enum and the pod's setting use
 * these names.
 */
public enum StorageMode {
    /**
     * A ReadWriteOnce volume per session holds the WhatsApp key store (PostgreSQL keeps a copy that follows it within
     * seconds) and, unless media go to S3, the media files.
     */
    Volume,
    /**
     * PostgreSQL holds the key store, written through before what depends on it is acknowledged; the pod has only an
     * {@code emptyDir} cache, so it can start on any node without a volume to attach.
     */
    Database
}
