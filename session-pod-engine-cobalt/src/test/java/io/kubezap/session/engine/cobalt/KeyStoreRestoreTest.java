package io.kubezap.session.engine.cobalt;

import io.kubezap.contract.SessionState;
import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.engine.KeyStoreTakenOver;
import io.kubezap.session.engine.WhatsAppEngine;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.StoreKeysPair;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The key store's copy away from the volume: what is copied, and when a start puts it back. */
class KeyStoreRestoreTest {

    @StoreDirectory
    Path workDir;

    private final InMemoryMirror mirror = new InMemoryMirror();

    @Test
    void aLinkedDeviceOnALostVolumeComesBackFromItsCopyWithTheSameIdentity() {
        var linked = linkedDevice(workDir.resolve("first-volume"));

        var newVolume = new KeyStoreDirectory(workDir.resolve("new-volume"), mirror);
        newVolume.restoreLost();

        assertThat(newVolume.isRegistered()).isTrue();
        assertThat(newVolume.currentSessionId()).isEqualTo(linked.keys().uuid());
        assertThat(identityOf(newVolume)).isEqualTo(linked.keys().identityKeyPair().publicKey());
        assertThat(newVolume.serializer().deserializeStore(ClientType.WEB, newVolume.currentSessionId())).isPresent();
        assertThat(newVolume.takeRepairs()).singleElement()
                .satisfies(repair -> assertThat(repair.reason()).isEqualTo(SessionState.StoreRepair.KEY_STORE_RESTORED_FROM_DATABASE))
                .satisfies(repair -> assertThat(repair.message()).contains("was not on the volume"));
    }

    @Test
    void inDatabaseModeTheCopyWinsOverWhatTheDataDirectoryHoldsAndIsNoRepair() throws Exception {
        var staleCache = workDir.resolve("stale-cache");
        linkedDevice(staleCache); // what a pod wrote here before another took the session over
        var elsewhere = linkedDevice(workDir.resolve("pod-on-another-node")); // the copy is that pod's now
        var authoritative = new AuthoritativeMirror(mirror);
        var keyStore = new KeyStoreDirectory(staleCache, authoritative);

        keyStore.restoreLost();

        assertThat(authoritative.taken).as("the session is taken before its copy is read").isTrue();
        assertThat(keyStore.currentSessionId()).isEqualTo(elsewhere.keys().uuid());
        assertThat(identityOf(keyStore)).isEqualTo(elsewhere.keys().identityKeyPair().publicKey());
        assertThat(keyStore.takeRepairs()).isEmpty();
    }

    @Test
    void aKeyStoreWriteRefusedBecauseAnotherPodTookTheSessionIsReportedOnceForTheEngineToStop() {
        var pair = linkedDevice(workDir.resolve("fenced"));
        var fencedOff = new AuthoritativeMirror(mirror);
        fencedOff.refuse = true;
        var keyStore = new KeyStoreDirectory(workDir.resolve("fenced"), fencedOff);
        var reported = new ArrayList<KeyStoreTakenOver>();
        keyStore.whenTakenOver(reported::add);

        keyStore.flushKeys(pair.keys());

        assertThat(reported).singleElement().satisfies(fenced -> assertThat(fenced.getMessage()).contains("another pod"));
    }

    @Test
    void aReceivedMessageWhoseKeysAreRefusedAsTakenOverIsHandedOverOnceAndLeftUnacknowledged() {
        var pair = linkedDevice(workDir.resolve("fenced-message"));
        var fencedOff = new AuthoritativeMirror(mirror);
        fencedOff.refuse = true;
        var keyStore = new KeyStoreDirectory(workDir.resolve("fenced-message"), fencedOff);
        var reported = new ArrayList<KeyStoreTakenOver>();
        keyStore.whenTakenOver(reported::add);
        var handedOver = new AtomicInteger();

        keyStore.flushKeysWith(pair.keys(), handedOver::incrementAndGet);

        assertThat(handedOver).hasValue(1);
        assertThat(reported).hasSize(1);
        assertThat(keyStore.lostToAnotherPod()).as("its acknowledgement is withheld: WhatsApp gives it to the pod that holds the session")
                .isTrue();
    }

    @Test
    void onAVolumeThatIsTheKeyStoresHomeAReceivedMessageIsHandedOverBeforeItsKeysAreCopied() {
        var pair = linkedDevice(workDir.resolve("volume-mode"));
        var keyStore = new KeyStoreDirectory(workDir.resolve("volume-mode"), mirror);
        var owedAtHandOver = new ArrayList<Boolean>();

        keyStore.flushKeysWith(pair.keys(), () -> owedAtHandOver.add(mirror.owed != null));

        assertThat(owedAtHandOver).containsExactly(false);
        assertThat(mirror.owed).as("the keys written after the message, their copy owed").isNotNull();
        assertThat(keyStore.lostToAnotherPod()).isFalse();
    }

    @Test
    void aVolumeThatCanBeReadWinsOverTheCopy() throws Exception {
        var volume = workDir.resolve("volume");
        var linked = linkedDevice(volume);
        var keyStore = new KeyStoreDirectory(volume, mirror);
        var keysOnTheVolume = Files.readAllBytes(keysFile(keyStore));
        mirror.kept = Optional.of(new KeyStoreCopy(linked.keys().uuid(), new byte[]{1, 2, 3}, new byte[]{4},
                java.time.Instant.EPOCH));

        keyStore.restoreLost();

        assertThat(Files.readAllBytes(keysFile(keyStore))).isEqualTo(keysOnTheVolume);
        assertThat(keyStore.takeRepairs()).isEmpty();
        assertThat(identityOf(keyStore)).isEqualTo(linked.keys().identityKeyPair().publicKey());
    }

    @Test
    void keysUnreadableInBothGenerationsAreRestoredFromTheCopyInsteadOfAskingForANewLink() throws Exception {
        var volume = workDir.resolve("volume");
        var linked = linkedDevice(volume);
        var keyStore = new KeyStoreDirectory(volume, mirror);
        var keys = keysFile(keyStore);
        Files.write(keys, new byte[256]);
        Files.write(keys.resolveSibling(".keys.proto.previous"), new byte[256]);

        keyStore.restoreLost();

        assertThat(keyStore.isRegistered()).isTrue();
        assertThat(identityOf(keyStore)).isEqualTo(linked.keys().identityKeyPair().publicKey());
        assertThat(keyStore.takeRepairs()).extracting(WhatsAppEngine.StoreRepair::reason)
                .containsExactly(SessionState.StoreRepair.KEY_STORE_RESTORED_FROM_DATABASE);
    }

    @Test
    void aVolumeThatMovedOnToAnotherDeviceIsNotGivenTheOldOne() {
        var volume = workDir.resolve("volume");
        linkedDevice(volume);
        var keyStore = new KeyStoreDirectory(volume, KeyStoreMirror.NONE); // a logout whose delete never reached the database
        keyStore.wipe();
        var next = keyStore.currentSessionId();

        var restarted = new KeyStoreDirectory(volume, mirror);
        restarted.restoreLost();

        assertThat(restarted.currentSessionId()).isEqualTo(next);
        assertThat(restarted.isRegistered()).isFalse();
        assertThat(restarted.takeRepairs()).isEmpty();
    }

    @Test
    void onlyALinkedDevicesWritesAreCopiedAndAWipeForgetsTheCopy() {
        var keyStore = new KeyStoreDirectory(workDir.resolve("volume"), mirror);
        var pair = KeyStoreDirectoryTest.newPairWritten(keyStore, keyStore.currentSessionId());
        keyStore.flush(pair.keys(), pair.store());
        keyStore.flushKeys(pair.keys());
        assertThat(mirror.owed).as("a device waiting for its QR").isNull();

        pair.keys().setRegistered(true);
        keyStore.flushKeys(pair.keys());
        mirror.copyNow();
        assertThat(mirror.kept).get().satisfies(copy -> assertThat(copy.device()).isEqualTo(pair.keys().uuid()));

        keyStore.wipe();
        assertThat(mirror.forgotten).containsExactly(pair.keys().uuid());
        assertThat(mirror.kept).isEmpty();
    }

    /** A device linked on {@code volume}, its store copied. */
    private StoreKeysPair linkedDevice(Path volume) {
        var keyStore = new KeyStoreDirectory(volume, mirror);
        var pair = KeyStoreDirectoryTest.newPairWritten(keyStore, keyStore.currentSessionId());
        pair.keys().setRegistered(true);
        keyStore.flush(pair.keys(), pair.store());
        mirror.copyNow();
        return pair;
    }

    private static byte[] identityOf(KeyStoreDirectory keyStore) {
        return keyStore.serializer().deserializeKeys(ClientType.WEB, keyStore.currentSessionId()).orElseThrow()
                .identityKeyPair().publicKey();
    }

    private static Path keysFile(KeyStoreDirectory keyStore) {
        return keyStore.root().resolve("web").resolve(keyStore.currentSessionId().toString()).resolve("keys.proto");
    }

    /** Storage mode Database: the copy is the truth, written through; {@code refuse} as when another pod took over. */
    private static final class AuthoritativeMirror implements KeyStoreMirror {
        private final InMemoryMirror kept;
        volatile boolean taken;
        volatile boolean refuse;

        AuthoritativeMirror(InMemoryMirror kept) {
            this.kept = kept;
        }

        @Override
        public void changed(Supplier<Optional<KeyStoreCopy>> current) {
            if (refuse) {
                throw new KeyStoreTakenOver("another pod of this session took its WhatsApp key store");
            }
            kept.changed(current);
            kept.copyNow();
        }

        @Override
        public void forget(UUID device) {
            kept.forget(device);
        }

        @Override
        public boolean flush(Duration patience) {
            return true;
        }

        @Override
        public Optional<KeyStoreCopy> read() {
            return kept.read();
        }

        @Override
        public void take() {
            taken = true;
        }

        @Override
        public boolean authoritative() {
            return true;
        }
    }

    /** The copy, made when the test says. */
    private static final class InMemoryMirror implements KeyStoreMirror {
        volatile Supplier<Optional<KeyStoreCopy>> owed;
        volatile Optional<KeyStoreCopy> kept = Optional.empty();
        final List<UUID> forgotten = new ArrayList<>();

        @Override
        public void changed(Supplier<Optional<KeyStoreCopy>> current) {
            owed = current;
        }

        @Override
        public void forget(UUID device) {
            forgotten.add(device);
            kept = Optional.empty();
        }

        @Override
        public boolean flush(Duration patience) {
            copyNow();
            return true;
        }

        @Override
        public Optional<KeyStoreCopy> read() {
            return kept;
        }

        void copyNow() {
            if (owed != null) {
                owed.get().ifPresent(copy -> kept = Optional.of(copy));
                owed = null;
            }
        }
    }
}
