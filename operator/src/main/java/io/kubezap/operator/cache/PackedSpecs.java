package io.kubezap.operator.cache;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * JSON held compressed, with one preset dictionary for every value: the first value packed. The operator packs the pod
 * templates of its sessions' StatefulSets, which differ from one another in a few values (the session's name in env
 * entries, volume and secret names, the template hash), so against another session's template each packs to a few
 * hundred bytes, where the decoded template is ~10 KiB of objects.
 */
final class PackedSpecs {

    private static final AtomicReference<byte[]> DICTIONARY = new AtomicReference<>();

    private PackedSpecs() {
    }

    static byte[] pack(byte[] json) {
        byte[] dictionary = dictionary(json);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setDictionary(dictionary);
            deflater.setInput(json);
            deflater.finish();
            ByteArrayOutputStream packed = new ByteArrayOutputStream(json.length / 8 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                packed.write(buffer, 0, deflater.deflate(buffer));
            }
            return packed.toByteArray();
        } finally {
            deflater.end();
        }
    }

    static byte[] unpack(byte[] packed) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(packed);
            ByteArrayOutputStream json = new ByteArrayOutputStream(packed.length * 16);
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int read = inflater.inflate(buffer);
                if (read == 0 && inflater.needsDictionary()) {
                    inflater.setDictionary(DICTIONARY.get());
                } else if (read == 0 && inflater.needsInput()) {
                    throw new IllegalStateException("a packed spec ends early");
                }
                json.write(buffer, 0, read);
            }
            return json.toByteArray();
        } catch (DataFormatException corrupt) {
            throw new IllegalStateException("a packed spec cannot be read", corrupt);
        } finally {
            inflater.end();
        }
    }

    /** The dictionary: set once, from the first value packed, and kept for the process's life (every value needs it). */
    private static byte[] dictionary(byte[] first) {
        byte[] dictionary = DICTIONARY.get();
        if (dictionary == null) {
            DICTIONARY.compareAndSet(null, Arrays.copyOf(first, first.length));
            dictionary = DICTIONARY.get();
        }
        return dictionary;
    }
}
