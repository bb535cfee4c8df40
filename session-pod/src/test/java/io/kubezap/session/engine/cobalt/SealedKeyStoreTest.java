package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.files.FileSeals;
import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.keystore.sealing.KeyMaterialCipher;
import io.kubezap.session.keystore.sealing.KeyOwner;
import io.kubezap.session.keystore.sealing.SealedKeyStore;
import io.kubezap.session.keystore.sealing.SealingKeyStoreMirror;
import io.kubezap.session.keystore.sealing.SecretWrappingKeys;
import io.kubezap.session.keystore.sealing.WrappingKeys;
import io.kubezap.session.keystore.sealing.WrappingKeysSettings;
import io.kubezap.session.testing.LocalKms;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.Keys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Cobalt's key store sealed at rest (issue 71, item 4): a linked device's identity is in no file of the volume and in
 * no copy for PostgreSQL in the clear; a rotation of the wrapping key re-wraps the data keys, and the device stays
 * linked once the old key is gone. The same with AWS KMS wrapping the data keys (a stand-in speaking its wire protocol),
 * and a cluster's move from its Secret to KMS.
 */
class SealedKeyStoreTest {

    private static final String K1 = "k1:" + newKey();
    private static final String K2 = "k2:" + newKey();
    private static final KeyOwner OURS = new KeyOwner("shop", "loja");
    private static final KeyOwner RIVALS = new KeyOwner("rival", "loja");

    @StoreDirectory
    Path workDir;

    private static LocalKms kms;

    @BeforeAll
    static void startKms() throws IOException {
        kms = LocalKms.start();
    }

    @AfterAll
    static void stopKms() {
        kms.close();
    }

    private final DatabaseCopy database = new DatabaseCopy();

    @AfterEach
    void unseal() {
        Stream.of("whatsapp", "baileys").forEach(directory -> Stream.of("volume", "new-volume", "rivals-volume")
                .forEach(volume -> FileSeals.unsealed(workDir.resolve(volume).resolve(directory))));
    }

    @Test
    void aLinkedDevicesIdentityIsInNoFileOfTheVolumeNorInItsDatabaseCopyInTheClear() throws IOException {
        var volume = workDir.resolve("volume");
        var keys = linkedDevice(volume, K1);

        var secrets = secretsOf(keys);
        assertThat(inTheClear(volume, secrets)).as("key material found on the volume").isEmpty();
        assertThat(inTheClear(database.kept.orElseThrow(), secrets)).as("key material found in the database copy").isEmpty();
        assertThat(identityOf(keyStore(volume, K1))).as("the engine reads its keys back").isEqualTo(keys.identityKeyPair().publicKey());
    }

    @Test
    void aRotationRewrapsTheDataKeysAndTheDeviceStaysLinkedOnceTheOldKeyIsGone() throws IOException {
        var volume = workDir.resolve("volume");
        var keys = linkedDevice(volume, K1);
        assertThat(wrappingKeysOnTheVolume(volume)).containsOnly("k1");

        // the Secret gets k2 first, k1 still accepted; the pod restarts and writes its keys again (any message does)
        var rotating = keyStore(volume, K2 + "," + K1);
        rotating.flushKeys(rotating.serializer().deserializeKeys(ClientType.WEB, rotating.currentSessionId()).orElseThrow());
        assertThat(wrappingKeysOnTheVolume(volume)).as("every generation re-wrapped at start").containsOnly("k2");
        assertThat(KeyMaterialCipher.wrappingKeyOf(database.kept.orElseThrow().keys())).contains("k2");

        // k1 is dropped from the Secret: the device is still linked, on its volume and from its database copy
        var afterRotation = keyStore(volume, K2);
        assertThat(afterRotation.isRegistered()).isTrue();
        assertThat(identityOf(afterRotation)).isEqualTo(keys.identityKeyPair().publicKey());
        var newVolume = keyStore(workDir.resolve("new-volume"), K2);
        newVolume.restoreLost();
        assertThat(identityOf(newVolume)).isEqualTo(keys.identityKeyPair().publicKey());
    }

    @Test
    void aKeyStoreWrappedUnderAKeyTheSecretNoLongerHoldsStopsTheStartAndLosesNothing() throws IOException {
        var volume = workDir.resolve("volume");
        var keys = linkedDevice(volume, K1);
        var before = Files.readAllBytes(keysFile(volume, keys));

        assertThatThrownBy(() -> keyStore(volume, K2)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("'k1'").hasMessageContaining("KUBEZAP_KEY_WRAPPING_KEYS does not hold");
        assertThat(Files.readAllBytes(keysFile(volume, keys))).as("nothing rewritten, nothing set aside").isEqualTo(before);
        assertThat(identityOf(keyStore(volume, K1))).isEqualTo(keys.identityKeyPair().publicKey());
    }

    @Test
    void aTornSealedKeyFileIsReadFromItsPreviousGenerationAsAClearOneWasAlsoDuringARotation() throws IOException {
        var volume = workDir.resolve("volume");
        var keys = linkedDevice(volume, K1);
        keyStore(volume, K1).flushKeys(keys); // a second generation: the first becomes .keys.proto.previous
        var file = keysFile(volume, keys);
        var sealed = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(sealed, 20)); // torn within its header

        var restarted = keyStore(volume, K2 + "," + K1);

        assertThat(identityOf(restarted)).isEqualTo(keys.identityKeyPair().publicKey());
        assertThat(restarted.takeRepairs()).singleElement().satisfies(repair -> assertThat(repair.reason())
                .isEqualTo(io.kubezap.contract.SessionState.StoreRepair.KEY_STORE_RESTORED));
    }

    @Test
    void aKmsKeyWrapsTheDataKeyAndTheDeviceStaysLinkedAcrossRestartsAndOnANewVolume() throws IOException {
        var volume = workDir.resolve("volume");
        kms.requests.clear();
        var keys = linkedDevice(volume, kmsKeys(Optional.empty()));

        assertThat(inTheClear(volume, secretsOf(keys))).as("key material found on the volume").isEmpty();
        assertThat(inTheClear(database.kept.orElseThrow(), secretsOf(keys))).as("key material found in the database copy").isEmpty();
        assertThat(wrappingKeysOnTheVolume(volume)).containsOnly("kms-session:" + kms.aliasArn);
        assertThat(kms.requestsOf("Encrypt")).as("one data key wrapped, bound to its use and its session")
                .containsExactly("Encrypt {kubezap=key-store-data-key, namespace=shop, session=loja}");

        assertThat(identityOf(keyStore(volume, kmsKeys(Optional.empty())))).as("a restart unwraps through KMS")
                .isEqualTo(keys.identityKeyPair().publicKey());
        var newVolume = keyStore(workDir.resolve("new-volume"), kmsKeys(Optional.empty()));
        newVolume.restoreLost();
        assertThat(identityOf(newVolume)).as("the database copy restores with the KMS key alone")
                .isEqualTo(keys.identityKeyPair().publicKey());
    }

    @Test
    void aClusterMovesFromItsSecretToKmsWithoutRelinking() throws IOException {
        var volume = workDir.resolve("volume");
        var keys = linkedDevice(volume, SecretWrappingKeys.parse(K1));

        // the operator now names a KMS key and still passes the Secret: KMS is current, k1 still opens
        var moving = keyStore(volume, kmsKeys(Optional.of(K1)));
        moving.flushKeys(moving.serializer().deserializeKeys(ClientType.WEB, moving.currentSessionId()).orElseThrow());
        assertThat(wrappingKeysOnTheVolume(volume)).as("every generation re-wrapped under KMS at start")
                .containsOnly("kms-session:" + kms.aliasArn);
        assertThat(KeyMaterialCipher.wrappingKeyOf(database.kept.orElseThrow().keys())).contains("kms-session:" + kms.aliasArn);

        // the Secret is dropped: the device is still linked
        assertThat(identityOf(keyStore(volume, kmsKeys(Optional.empty())))).isEqualTo(keys.identityKeyPair().publicKey());
    }

    @Test
    void aKmsThatRefusesStopsTheStartNamingTheKeyAndTheReasonAndLosesNothing() throws IOException {
        var volume = workDir.resolve("volume");
        var keys = linkedDevice(volume, kmsKeys(Optional.empty()));
        var before = Files.readAllBytes(keysFile(volume, keys));

        kms.refuse(true);
        try {
            assertThatThrownBy(() -> keyStore(volume, kmsKeys(Optional.empty()))).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(kms.aliasArn).hasMessageContaining("AccessDeniedException");
        } finally {
            kms.refuse(false);
        }
        assertThat(Files.readAllBytes(keysFile(volume, keys))).as("nothing rewritten, nothing set aside").isEqualTo(before);
        assertThat(identityOf(keyStore(volume, kmsKeys(Optional.empty())))).isEqualTo(keys.identityKeyPair().publicKey());
    }

    @Test
    void anotherTenantsKeyStoreUnderTheSameKmsKeyDoesNotOpenInThisTenantsSession() throws IOException {
        var rivals = workDir.resolve("rivals-volume");
        kms.requests.clear();
        linkedDevice(rivals, kmsKeys(kms.aliasArn, Optional.empty(), RIVALS));

        // the rival's volume (a snapshot, a backup) restored under this tenant's session: same KMS key, same role
        var ours = workDir.resolve("volume");
        copyTree(rivals, ours);
        assertThatThrownBy(() -> identityOf(keyStore(ours, kmsKeys(kms.aliasArn, Optional.empty(), OURS))))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("InvalidCiphertextException");
        assertThat(kms.requestsOf("Encrypt")).as("the data key is bound to the session it is for, which an IAM condition can match")
                .containsExactly("Encrypt {kubezap=key-store-data-key, namespace=rival, session=loja}");
    }

    @Test
    void aDataKeyWrappedUnderAKmsKeyTheOperatorDoesNotNameStopsTheStartAndLosesNothing() throws IOException {
        var volume = workDir.resolve("volume");
        // who may write the volume plants a data key wrapped under a key of their choosing, so they know the key that
        // seals what the session writes from then on
        var keys = linkedDevice(volume, kmsKeys(kms.otherKeyArn, Optional.empty(), OURS));
        var before = Files.readAllBytes(keysFile(volume, keys));

        assertThatThrownBy(() -> keyStore(volume, kmsKeys(Optional.empty()))).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(kms.otherKeyArn).hasMessageContaining("KUBEZAP_KEY_WRAPPING_KMS_KEY");
        assertThat(Files.readAllBytes(keysFile(volume, keys))).as("nothing rewritten").isEqualTo(before);

        // the admin's move from one KMS key to another: the former listed after the current one still opens
        var moved = keyStore(volume, kmsKeys(kms.aliasArn + "," + kms.otherKeyArn, Optional.empty(), OURS));
        assertThat(identityOf(moved)).isEqualTo(keys.identityKeyPair().publicKey());
        assertThat(wrappingKeysOnTheVolume(volume)).containsOnly("kms-session:" + kms.aliasArn);
    }

    @Test
    void aKeyStoreWrappedUnderTheFormerSharedContextStillOpensAndIsRewrappedBoundToItsSession() throws IOException {
        var volume = workDir.resolve("volume");
        var keys = linkedDevice(volume, new FormerKmsWrapping(kms));
        assertThat(wrappingKeysOnTheVolume(volume)).containsOnly("kms:" + kms.aliasArn);

        kms.requests.clear();
        assertThat(identityOf(keyStore(volume, kmsKeys(Optional.empty())))).isEqualTo(keys.identityKeyPair().publicKey());
        assertThat(wrappingKeysOnTheVolume(volume)).as("re-wrapped at the first start").containsOnly("kms-session:" + kms.aliasArn);
        assertThat(kms.requestsOf("Decrypt")).as("opened under the former context, then under its own")
                .contains("Decrypt {kubezap=key-store-data-key}", "Decrypt {kubezap=key-store-data-key, namespace=shop, session=loja}");
        assertThat(kms.requestsOf("Encrypt")).containsOnly("Encrypt {kubezap=key-store-data-key, namespace=shop, session=loja}");
    }

    /** The keys a pod reads from KUBEZAP_KEY_WRAPPING_KMS_KEY and _ENDPOINT (and the Secret's, when given). */
    private static WrappingKeys kmsKeys(Optional<String> secretKeys) {
        return kmsKeys(kms.aliasArn, secretKeys, OURS);
    }

    private static WrappingKeys kmsKeys(String kmsKeys, Optional<String> secretKeys, KeyOwner owner) {
        return new WrappingKeysSettings(secretKeys, Optional.of(kmsKeys), Optional.of(kms.endpoint().toString()), owner).wrappingKeys();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (var file : files.toList()) {
                var target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private Keys linkedDevice(Path volume, String wrappingKeys) {
        return linkedDevice(volume, SecretWrappingKeys.parse(wrappingKeys));
    }

    private Keys linkedDevice(Path volume, WrappingKeys wrappingKeys) {
        var keyStore = keyStore(volume, wrappingKeys);
        var pair = KeyStoreDirectoryTest.newPairWritten(keyStore, keyStore.currentSessionId());
        pair.keys().setRegistered(true);
        keyStore.flush(pair.keys(), pair.store());
        return pair.keys();
    }

    /** What a pod's start makes: the volume sealed under the Secret's keys, the database copy sealed the same way. */
    private KeyStoreDirectory keyStore(Path volume, String wrappingKeys) {
        return keyStore(volume, SecretWrappingKeys.parse(wrappingKeys));
    }

    private KeyStoreDirectory keyStore(Path volume, WrappingKeys wrappingKeys) {
        var cipher = SealedKeyStore.seal(volume, wrappingKeys);
        return new KeyStoreDirectory(volume, new SealingKeyStoreMirror(database, cipher));
    }

    private static List<byte[]> secretsOf(Keys keys) {
        return List.of(keys.identityKeyPair().privateKey(), keys.identityKeyPair().publicKey(),
                keys.noiseKeyPair().privateKey(), keys.signedKeyPair().privateKey());
    }

    private static List<String> inTheClear(Path volume, List<byte[]> secrets) throws IOException {
        List<String> found = new ArrayList<>();
        try (var files = Files.walk(volume)) {
            for (var file : files.filter(Files::isRegularFile).toList()) {
                found.addAll(inTheClear(Files.readAllBytes(file), secrets).stream().map(form -> file + ": " + form).toList());
            }
        }
        return found;
    }

    private static List<String> inTheClear(KeyStoreCopy copy, List<byte[]> secrets) {
        var found = new ArrayList<>(inTheClear(copy.keys(), secrets));
        found.addAll(inTheClear(copy.store(), secrets));
        return found;
    }

    /** Each secret's bytes, base64 and hex, in {@code bytes}. */
    private static List<String> inTheClear(byte[] bytes, List<byte[]> secrets) {
        var text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> found = new ArrayList<>();
        for (byte[] secret : secrets) {
            for (String form : List.of(new String(secret, java.nio.charset.StandardCharsets.ISO_8859_1),
                    Base64.getEncoder().encodeToString(secret), HexFormat.of().formatHex(secret))) {
                if (text.contains(form)) {
                    found.add(HexFormat.of().formatHex(secret, 0, 4) + "...");
                }
            }
        }
        return found;
    }

    private static List<String> wrappingKeysOnTheVolume(Path volume) throws IOException {
        try (var files = Files.walk(volume.resolve("whatsapp"))) {
            List<String> ids = new ArrayList<>();
            for (var file : files.filter(Files::isRegularFile).filter(f -> f.getFileName().toString().contains(".proto")).toList()) {
                ids.add(KeyMaterialCipher.wrappingKeyOf(Files.readAllBytes(file)).orElse("clear"));
            }
            ids.add(Files.readAllLines(volume.resolve("key-store.data-key")).getFirst());
            return ids;
        }
    }

    private static Path keysFile(Path volume, Keys keys) {
        return volume.resolve("whatsapp").resolve("web").resolve(keys.uuid().toString()).resolve("keys.proto");
    }

    private static byte[] identityOf(KeyStoreDirectory keyStore) {
        return keyStore.serializer().deserializeKeys(ClientType.WEB, keyStore.currentSessionId()).orElseThrow()
                .identityKeyPair().publicKey();
    }

    private static String newKey() {
        var key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** The copy as PostgreSQL keeps it: written through as the keys change. */
    private static final class DatabaseCopy implements KeyStoreMirror {
        volatile Optional<KeyStoreCopy> kept = Optional.empty();

        @Override
        public void changed(Supplier<Optional<KeyStoreCopy>> current) {
            current.get().ifPresent(copy -> kept = Optional.of(copy));
        }

        @Override
        public void forget(UUID device) {
            kept = Optional.empty();
        }

        @Override
        public boolean flush(Duration patience) {
            return true;
        }

        @Override
        public Optional<KeyStoreCopy> read() {
            return kept;
        }
    }
}
