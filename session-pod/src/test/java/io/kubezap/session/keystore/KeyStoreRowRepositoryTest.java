package io.kubezap.session.keystore;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.keystore.sealing.KeyMaterialCipher;
import io.kubezap.session.keystore.sealing.KeyStoreSealing;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.kubezap.session.keystore.KeyStoreEntriesTest.keys;
import static io.kubezap.session.keystore.KeyStoreEntriesTest.names;
import static io.kubezap.session.keystore.KeyStoreEntriesTest.sessions;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storage mode Database's key store as rows: a message that moved one Signal session on rewrites that session's row
 * only, every other row stays as it was, and what is read back is the key store as last written.
 */
@QuarkusTest
class KeyStoreRowRepositoryTest {

    private static final UUID DEVICE = UUID.randomUUID();
    private static final byte[] STORE = {0x0a, 0x03, 'j', 'i', 'd'};

    @Inject
    SessionDb db;

    private KeyStoreRowRepository rows;

    @BeforeEach
    void takeTheSession() {
        var lease = new KeyStoreLease(db, Clock.systemUTC(), "node-a");
        rows = new KeyStoreRowRepository(db, lease, new KeyStoreMirrorRepository(db, lease), KeyStoreSealing.off());
        rows.take();
    }

    @AfterEach
    void forgetTheSession() {
        rows.delete();
        db.useTransaction(handle -> db.update(handle, "delete from key_store_leases where namespace = :ns and session = :session").execute());
    }

    @Test
    void aMessageThatMovedOneSignalSessionOnRewritesThatSessionsRowOnly() throws IOException {
        var sessions = sessions(40);
        rows.write(copy(DEVICE, keys(sessions, 7)));
        var before = rowVersions();
        sessions.put("5511988880012.0", "ratchet moved on".getBytes());

        rows.write(copy(DEVICE, keys(sessions, 7)));

        var after = rowVersions();
        assertThat(after).hasSameSizeAs(before);
        assertThat(after.entrySet()).as("rows written by the second write")
                .filteredOn(row -> !row.getValue().equals(before.get(row.getKey()))).hasSize(1);
        assertThat(rows.read()).get().satisfies(copy -> {
            assertThat(names(copy.keys())).isEqualTo(names(keys(sessions, 7)));
            assertThat(copy.store()).isEqualTo(STORE);
            assertThat(copy.device()).isEqualTo(DEVICE);
        });
    }

    @Test
    void aDeviceLinkedAgainReplacesEveryRowOfTheOldOne() throws IOException {
        var sessions = sessions(5);
        rows.write(copy(DEVICE, keys(sessions, 7)));
        sessions.remove(sessions.firstKey());
        sessions.put("5511977770000.0", new byte[]{1, 2, 3});

        var relinked = UUID.randomUUID();
        rows.write(copy(relinked, keys(sessions, 8)));

        assertThat(rows.read()).get().satisfies(copy -> {
            assertThat(copy.device()).isEqualTo(relinked);
            assertThat(names(copy.keys())).isEqualTo(names(keys(sessions, 8)));
        });
        assertThat(rowVersions()).hasSize(names(keys(sessions, 8)).size() + 1);
    }

    @Test
    void aSessionFromBeforeTheRowsIsReadFromItsWholeCopy() {
        var whole = copy(DEVICE, new byte[]{0x08, 0x07});
        new KeyStoreMirrorRepository(db, new KeyStoreLease(db, Clock.systemUTC(), "earlier-release")).write(whole);

        assertThat(rows.read()).get().satisfies(copy -> assertThat(copy.keys()).isEqualTo(whole.keys()));
    }

    @Test
    void sealedRowsHoldNoEntryInTheClearAndARotatedWrappingKeyRewritesThemAll(@TempDir Path dataDir) throws IOException {
        var k1 = "k1:" + newWrappingKey();
        var sessions = sessions(10);
        var keys = keys(sessions, 7);
        var sealed = sealedRows(KeyStoreSealing.sealedIn(dataDir, k1));
        sealed.write(copy(DEVICE, keys));

        var values = rowValues();
        for (byte[] session : sessions.values()) {
            assertThat(values).as("rows holding a Signal session in the clear")
                    .noneMatch(value -> HexFormat.of().formatHex(value).contains(HexFormat.of().formatHex(session)));
        }
        assertThat(values).allMatch(value -> KeyMaterialCipher.wrappingKeyOf(value).equals(Optional.of("k1")));
        assertThat(sealed.read()).get().satisfies(copy -> assertThat(copy.keys()).isEqualTo(keys));

        var before = rowVersions();
        sessions.put("5511988880012.0", "ratchet moved on".getBytes());
        sealed.write(copy(DEVICE, keys(sessions, 7)));
        assertThat(rowVersions().entrySet()).as("rows a sealed write rewrote")
                .filteredOn(row -> !row.getValue().equals(before.get(row.getKey()))).hasSize(1);

        var rotated = sealedRows(KeyStoreSealing.sealedIn(dataDir, "k2:" + newWrappingKey() + "," + k1));
        assertThat(rotated.read()).get().satisfies(copy -> assertThat(names(copy.keys())).isEqualTo(names(keys(sessions, 7))));
        rotated.write(copy(DEVICE, keys(sessions, 7)));
        assertThat(rowValues()).as("every row after the first write under the new wrapping key")
                .allMatch(value -> KeyMaterialCipher.wrappingKeyOf(value).equals(Optional.of("k2")));
    }

    private KeyStoreRowRepository sealedRows(KeyStoreSealing sealing) {
        var lease = new KeyStoreLease(db, Clock.systemUTC(), "node-a");
        var sealed = new KeyStoreRowRepository(db, lease, new KeyStoreMirrorRepository(db, lease), sealing);
        sealed.take();
        rows = sealed; // the lease's holder now: the one whose delete the database lets through after the test
        return sealed;
    }

    private List<byte[]> rowValues() {
        return db.read(handle -> db.query(handle, "select value from key_store_entries where namespace = :ns and session = :session")
                .map(rs -> rs.getBytes("value")).list());
    }

    private static String newWrappingKey() {
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Each row's entry and the transaction that wrote it. */
    private Map<String, String> rowVersions() {
        return db.read(handle -> db.query(handle, "select file || '/' || entry as name, xmin::text as version from key_store_entries"
                        + " where namespace = :ns and session = :session")
                .map(rs -> Map.entry(rs.getString("name"), rs.getString("version"))).list())
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static KeyStoreCopy copy(UUID device, byte[] keys) {
        return new KeyStoreCopy(device, keys, STORE, Instant.now().truncatedTo(ChronoUnit.MICROS));
    }
}
