package io.kubezap.session.keystore;

import com.google.protobuf.CodedOutputStream;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The key store's files as entries: a message's change to the keys is the entry it touched, and the file comes back. */
class KeyStoreEntriesTest {

    @Test
    void aFileSplitIntoEntriesJoinsBackToTheSameBytes() throws IOException {
        byte[] keys = keys(sessions(40), 7);

        var entries = KeyStoreEntries.split("keys", keys);

        assertThat(entries).hasSize(40 + 2);
        assertThat(KeyStoreEntries.join(entries.stream().map(KeyStoreEntry::value).toList())).isEqualTo(keys);
    }

    @Test
    void oneSignalSessionChangedIsOneEntryChanged() throws IOException {
        var sessions = sessions(40);
        var before = KeyStoreEntries.split("keys", keys(sessions, 7));
        sessions.put("5511988880012.0", "ratchet moved on".getBytes());

        var after = KeyStoreEntries.split("keys", keys(sessions, 7));

        var names = before.stream().map(KeyStoreEntry::key).toList();
        assertThat(after).filteredOn(entry -> !names.contains(entry.key())).hasSize(1);
        assertThat(after.stream().map(KeyStoreEntry::key).toList()).hasSameSizeAs(names);
    }

    @Test
    void identicalEntriesAreTwoEntriesWithNamesOfTheirOwn() throws IOException {
        var twice = new ByteArrayOutputStream();
        var out = CodedOutputStream.newInstance(twice);
        out.writeUInt32(3, 99);
        out.writeUInt32(3, 99);
        out.flush();

        var entries = KeyStoreEntries.split("keys", twice.toByteArray());

        assertThat(entries).hasSize(2);
        assertThat(entries.get(0).name()).isNotEqualTo(entries.get(1).name());
    }

    @Test
    void bytesThatAreNotProtobufAreOneEntry() {
        byte[] notProtobuf = {(byte) 0xff, (byte) 0xff, (byte) 0xff};

        assertThat(KeyStoreEntries.split("store", notProtobuf)).singleElement()
                .satisfies(entry -> assertThat(entry.value()).isEqualTo(notProtobuf));
        assertThat(KeyStoreEntries.split("store", new byte[0])).isEmpty();
    }

    static TreeMap<String, byte[]> sessions(int count) {
        var sessions = new TreeMap<String, byte[]>();
        for (int i = 0; i < count; i++) {
            sessions.put("55119888800" + (10 + i) + ".0", ("session record " + i + " ").repeat(20).getBytes());
        }
        return sessions;
    }

    /** As Cobalt's keys.proto is made: scalars, and a map of Signal sessions (each entry a length-delimited message). */
    static byte[] keys(Map<String, byte[]> sessions, int registrationId) throws IOException {
        var bytes = new ByteArrayOutputStream();
        var out = CodedOutputStream.newInstance(bytes);
        out.writeUInt32(1, registrationId);
        for (var session : sessions.entrySet()) {
            var entry = new ByteArrayOutputStream();
            var entryOut = CodedOutputStream.newInstance(entry);
            entryOut.writeString(1, session.getKey());
            entryOut.writeByteArray(2, session.getValue());
            entryOut.flush();
            out.writeByteArray(18, entry.toByteArray());
        }
        out.writeBool(21, true);
        out.flush();
        return bytes.toByteArray();
    }

    static List<String> names(byte[] file) {
        return KeyStoreEntries.split("keys", file).stream().map(KeyStoreEntry::key).sorted().toList();
    }
}
