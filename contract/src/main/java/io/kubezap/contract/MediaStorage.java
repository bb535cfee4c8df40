package io.kubezap.contract;

/** Where a session keeps media files ({@code spec.media.store}); the CRD's enums and the pod's settings use these names. */
public final class MediaStorage {

    /** The session's volume, or an S3-compatible bucket. */
    public enum Kind { Volume, S3 }

    /** Server-side encryption asked of the S3 store: none, or SSE-S3 (the store's own keys, header {@code AES256}). */
    public enum Encryption { None, AES256 }

    private MediaStorage() {
    }
}
