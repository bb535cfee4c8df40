package io.kubezap.cobalt.files;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Encodes an object that other threads may change meanwhile (Cobalt changes its keys and store on every message, without
 * a lock the serializer could take). Protobuf writes each nested message's length before its fields, computed in a first
 * pass, so a change between the two passes yields bytes that no decoder reads back; a change between two fields
 * yields a state that never existed. An encoding is accepted only when two encodings in a row are identical and it
 * decodes: then nothing changed while it was taken.
 */
public final class StableEncoding {

    static final int ATTEMPTS = 20;
    /** Between attempts, times the attempt: lets a change in progress (a burst of decryptions) finish; 21 ms in all. */
    private static final long PAUSE_NANOS = 100_000;

    private StableEncoding() {
    }

    /**
     * @param encode encodes the object as it is now; may throw when it changes meanwhile
     * @param decode decodes bytes, throwing when they cannot be read
     * @throws KeptChanging when the object kept changing over every attempt
     */
    public static Supplier<byte[]> of(Supplier<byte[]> encode, Consumer<byte[]> decode) {
        return () -> stable(encode, decode);
    }

    private static byte[] stable(Supplier<byte[]> encode, Consumer<byte[]> decode) {
        RuntimeException lastFailure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                var first = encode.get();
                if (Arrays.equals(first, encode.get())) {
                    decode.accept(first);
                    return first;
                }
            } catch (RuntimeException changedMeanwhile) {
                lastFailure = changedMeanwhile;
            }
            LockSupport.parkNanos(PAUSE_NANOS * (attempt + 1));
        }
        throw new KeptChanging(lastFailure);
    }

    /** No two encodings in a row agreed: nothing can be written this time. */
    public static final class KeptChanging extends IllegalStateException {
        KeptChanging(RuntimeException lastFailure) {
            super("The object kept changing while it was encoded (" + ATTEMPTS + " attempts)", lastFailure);
        }
    }
}
