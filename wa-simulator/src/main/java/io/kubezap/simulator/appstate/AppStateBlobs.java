package io.kubezap.simulator.appstate;

import io.kubezap.simulator.media.MediaCipher;
import io.kubezap.simulator.media.MediaHost;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * What app-state sync puts on the media host, encrypted like media with HKDF info {@code "WhatsApp App State Keys"}: a
 * collection's snapshots, and the mutations of a patch too large to travel inline ({@code externalMutations}). Each is
 * uploaded once, when first sent; a pull's answer names it by an {@code ExternalBlobReference}.
 */
public final class AppStateBlobs {
    static final String KEY_INFO = "WhatsApp App State Keys";
    /** Mutations larger than this (encoded) travel as an external blob. */
    static final int INLINE_MUTATIONS_LIMIT = 1024;

    private final MediaHost host;
    private final Map<Object, byte[]> uploaded = Collections.synchronizedMap(new IdentityHashMap<>());

    public AppStateBlobs(MediaHost host) {
        this.host = host;
    }

    /** The {@code ExternalBlobReference} of the snapshot, uploaded. */
    public byte[] reference(AppStateCollection.Snapshot snapshot) {
        return uploaded.computeIfAbsent(snapshot, ignored -> upload(snapshot.syncdSnapshot()));
    }

    /** The patch as the server sends it: as stored, or, when its mutations are large, with them uploaded apart. */
    public byte[] asSent(byte[] patch) {
        var mutations = SyncProtobufs.mutations(patch);
        if (mutations.length <= INLINE_MUTATIONS_LIMIT) {
            return patch;
        }
        return uploaded.computeIfAbsent(patch, ignored -> SyncProtobufs.withExternalMutations(patch, upload(mutations)));
    }

    private byte[] upload(byte[] plaintext) {
        var encrypted = MediaCipher.encrypt(plaintext, KEY_INFO);
        var upload = host.storeAppState(encrypted.blob());
        return SyncProtobufs.externalBlobReference(encrypted.mediaKey(), upload.directPath(), encrypted.fileLength(),
                encrypted.fileSha256(), encrypted.fileEncSha256());
    }
}
