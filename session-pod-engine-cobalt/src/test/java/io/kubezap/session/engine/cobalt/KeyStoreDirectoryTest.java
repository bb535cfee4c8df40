package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.StoreKeysPair;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KeyStoreDirectoryTest {

    @StoreDirectory
    Path dataDir;

    @Test
    void sessionIdSurvivesRestartsAndChangesAfterWipe() {
        var first = new KeyStoreDirectory(dataDir).currentSessionId();

        assertThat(new KeyStoreDirectory(dataDir).currentSessionId()).isEqualTo(first);

        var store = new KeyStoreDirectory(dataDir);
        store.wipe();
        assertThat(Files.exists(store.root())).isFalse();
        assertThat(store.currentSessionId()).isNotEqualTo(first);
    }

    @Test
    void emptyDataDirIsUnpairedAndStaysEmpty() {
        var keyStore = new KeyStoreDirectory(dataDir);

        assertThat(keyStore.isRegistered()).isFalse();
        assertThat(keyStore.root()).doesNotExist();
    }

    @Test
    void wipeForgetsTheDeviceEvenWhenCobaltWritesIntoTheOldDirectoryAfterwards() throws Exception {
        var keyStore = new KeyStoreDirectory(dataDir);
        var old = keyStore.currentSessionId();
        var pair = keyStore.serializer().newStoreKeysPair(old, null, null, ClientType.WEB);
        pair.keys().setRegistered(true);
        keyStore.flush(pair.keys(), pair.store());

        keyStore.wipe();
        keyStore.flush(pair.keys(), pair.store()); // Cobalt's late write of the logged-out keys
        var current = keyStore.currentSessionId();

        assertThat(current).isNotEqualTo(old);
        assertThat(keyStore.isRegistered()).isFalse();
        keyStore.purgeStale();
        assertThat(keyStore.root().resolve("web").resolve(old.toString())).doesNotExist();
        try (var siblings = Files.list(dataDir)) {
            assertThat(siblings.map(path -> path.getFileName().toString())).containsExactly("whatsapp");
        }
    }

    @Test
    void flushWritesKeysThatReadBackAsPaired() {
        var keyStore = new KeyStoreDirectory(dataDir);
        var id = keyStore.currentSessionId();
        var pair = newPairWritten(keyStore, id);
        assertThat(keyStore.isRegistered()).isFalse();

        pair.keys().setRegistered(true);
        keyStore.flush(pair.keys(), pair.store());

        assertThat(keyStore.isRegistered()).isTrue();
        assertThat(keyStore.serializer().deserializeKeys(ClientType.WEB, id).orElseThrow().identityKeyPair().publicKey())
                .isEqualTo(pair.keys().identityKeyPair().publicKey());
    }

    @Test
    void aTornKeyFileStillReadsAsPairedAndTheRepairIsReportedOnce() throws Exception {
        var keyStore = new KeyStoreDirectory(dataDir);
        var id = keyStore.currentSessionId();
        var pair = newPairWritten(keyStore, id);
        pair.keys().setRegistered(true);
        keyStore.flush(pair.keys(), pair.store());
        keyStore.flush(pair.keys(), pair.store());
        var keysFile = keyStore.root().resolve("web").resolve(id.toString()).resolve("keys.proto");
        var torn = Files.readAllBytes(keysFile);
        java.util.Arrays.fill(torn, torn.length / 2, torn.length, (byte) 0);
        Files.write(keysFile, torn);

        assertThat(new KeyStoreDirectory(dataDir).isRegistered()).isTrue();
        assertThat(new KeyStoreDirectory(dataDir).takeRepairs()).singleElement()
                .satisfies(repair -> assertThat(repair.reason()).isEqualTo("KeyStoreRestored"))
                .satisfies(repair -> assertThat(repair.message()).contains("keys.proto"));
        assertThat(keyStore.takeRepairs()).isEmpty();
        assertThat(keyStore.isRegistered()).isTrue();
    }

    @Test
    void flushKeysWritesWhatCobaltReadsBackWithoutTheStore() {
        var keyStore = new KeyStoreDirectory(dataDir);
        var id = keyStore.currentSessionId();
        var pair = newPairWritten(keyStore, id);

        pair.keys().setRegistered(true);
        keyStore.flushKeys(pair.keys());

        var read = keyStore.serializer().deserializeKeys(ClientType.WEB, id).orElseThrow();
        assertThat(read.registered()).isTrue();
        assertThat(read.identityKeyPair().publicKey()).isEqualTo(pair.keys().identityKeyPair().publicKey());
        assertThat(read.registrationId()).isEqualTo(pair.keys().registrationId());
    }

    @Test
    void flushWritesEvenWhenCobaltThinksNothingChanged() {
        var keyStore = new KeyStoreDirectory(dataDir);
        var id = keyStore.currentSessionId();
        var pair = keyStore.serializer().newStoreKeysPair(id, null, null, ClientType.WEB);
        keyStore.flush(pair.keys(), pair.store());
        var keysFile = keyStore.root().resolve("web").resolve(id.toString()).resolve("keys.proto");
        assertThat(keysFile).exists();

        keysFile.toFile().delete();
        keyStore.flush(pair.keys(), pair.store());

        assertThat(keysFile).exists();
    }

    @Test
    void purgeKeepsOnlyTheCurrentSession() throws Exception {
        var keyStore = new KeyStoreDirectory(dataDir);
        var current = keyStore.currentSessionId();
        var pair = keyStore.serializer().newStoreKeysPair(current, null, null, ClientType.WEB);
        keyStore.flush(pair.keys(), pair.store());
        var stale = Files.createDirectories(keyStore.root().resolve("web").resolve("00000000-0000-0000-0000-000000000000"));
        Files.writeString(stale.resolve("keys.proto"), "left behind by a logged-out client");

        keyStore.purgeStale();

        assertThat(stale).doesNotExist();
        assertThat(keyStore.root().resolve("web").resolve(current.toString())).isDirectory();
    }

    /** New keys and store; Cobalt writes the new (unregistered) keys asynchronously, so let that write land before ours. */
    static StoreKeysPair newPairWritten(KeyStoreDirectory keyStore, UUID id) {
        var pair = keyStore.serializer().newStoreKeysPair(id, null, null, ClientType.WEB);
        var keysFile = keyStore.root().resolve("web").resolve(id.toString()).resolve("keys.proto");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(keysFile));
        return pair;
    }
}
