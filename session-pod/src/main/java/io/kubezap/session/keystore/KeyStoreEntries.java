package io.kubezap.session.keystore;

import com.google.protobuf.CodedInputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * A key store file as entries: each top-level field of its protobuf encoding (a map entry or list element is one: a
 * Signal session, a pre-key, a sender key; a scalar of the account is one too), so that a message's change to the keys
 * is the one or two entries it touched. Protobuf decodes top-level fields in any order and a map whatever its entries'
 * order, so the entries joined back are the file. A file that is not protobuf is one entry.
 */
final class KeyStoreEntries {

    private KeyStoreEntries() {
    }

    static List<KeyStoreEntry> split(String file, byte[] bytes) {
        var named = new ArrayList<KeyStoreEntry>();
        var seen = new HashSet<String>();
        for (byte[] field : fields(bytes)) {
            named.add(new KeyStoreEntry(file, uniqueName(field, seen), field));
        }
        return named;
    }

    /** The file the entries (in their order) make. */
    static byte[] join(List<byte[]> values) {
        var file = new ByteArrayOutputStream();
        values.forEach(file::writeBytes);
        return file.toByteArray();
    }

    private static List<byte[]> fields(byte[] bytes) {
        var fields = new ArrayList<byte[]>();
        var input = CodedInputStream.newInstance(bytes);
        try {
            int start = 0;
            for (int tag = input.readTag(); tag != 0; tag = input.readTag()) {
                if (!input.skipField(tag)) {
                    return List.of(bytes); // an end-group at the top: not a message of its own
                }
                int end = input.getTotalBytesRead();
                fields.add(Arrays.copyOfRange(bytes, start, end));
                start = end;
            }
        } catch (IOException notProtobuf) {
            return bytes.length == 0 ? List.of() : List.of(bytes);
        }
        return fields;
    }

    /** The SHA-256 of the entry; an identical twin's is the SHA-256 of the name before it. */
    private static String uniqueName(byte[] value, Set<String> seen) {
        var name = sha256(value);
        while (!seen.add(name)) {
            name = sha256(name.getBytes(StandardCharsets.US_ASCII));
        }
        return name;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }
}
