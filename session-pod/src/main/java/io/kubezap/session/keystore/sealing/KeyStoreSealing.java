package io.kubezap.session.keystore.sealing;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.engine.KeyStoreMirror;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The session's key material encrypted at rest when {@code KUBEZAP_KEY_WRAPPING_KEYS} is set (the operator passes it
 * from the cluster's key-wrapping Secret): the engines' key stores on the volume ({@link SealedKeyStore}), sealed
 * before the session starts, and their copy in PostgreSQL ({@link #around}). Without it they are kept in the clear,
 * as before, and the log says so.
 */
@Singleton
public class KeyStoreSealing {

    static final String SETTING = "KUBEZAP_KEY_WRAPPING_KEYS";
    private static final Logger LOG = Logger.getLogger(KeyStoreSealing.class);

    private final Path dataDir;
    private final Optional<String> keys;
    private final boolean migrateOnly;
    private KeyMaterialCipher cipher;
    private boolean looked;

    @Inject
    public KeyStoreSealing(SessionConfig config) {
        this(Path.of(config.dataDir()), config.keyWrappingKeys(), config.migrateOnly());
    }

    private KeyStoreSealing(Path dataDir, Optional<String> keys, boolean migrateOnly) {
        this.dataDir = dataDir;
        this.keys = keys.filter(value -> !value.isBlank());
        this.migrateOnly = migrateOnly;
    }

    /** Key material sealed under {@code wrappingKeys} (the setting's form), the data key kept in {@code dataDir}. */
    public static KeyStoreSealing sealedIn(Path dataDir, String wrappingKeys) {
        return new KeyStoreSealing(dataDir, Optional.of(wrappingKeys), false);
    }

    /** Key material kept in the clear (tests of what is stored, embedding). */
    public static KeyStoreSealing off() {
        return new KeyStoreSealing(Path.of("."), Optional.empty(), true);
    }

    /** Before the session starts (its start observes {@link StartupEvent} at priority 100). */
    void start(@Observes @Priority(50) StartupEvent startup) {
        if (!migrateOnly) {
            cipher();
        }
    }

    /** {@code mirror} sealing what it copies to the database, when the key material is sealed. */
    public KeyStoreMirror around(KeyStoreMirror mirror) {
        return cipher().<KeyStoreMirror>map(sealing -> new SealingKeyStoreMirror(mirror, sealing)).orElse(mirror);
    }

    /** An entry of the key store on its way to the database: sealed when the key material is sealed. */
    public byte[] sealed(byte[] plain) {
        return cipher().map(sealing -> sealing.seal(plain)).orElse(plain);
    }

    /**
     * An entry read back from the database, opened; clear bytes (written before the key material was sealed) are read
     * as they are.
     *
     * @throws UncheckedIOException when its data key is wrapped under a key no longer held
     */
    public byte[] opened(byte[] stored) {
        if (!KeyMaterialCipher.isSealed(stored)) {
            return stored;
        }
        try {
            return cipher().orElseThrow(() -> new IllegalStateException(
                    "the key store in PostgreSQL is sealed, but " + SETTING + " is not set")).open(stored);
        } catch (IOException keyNotHeld) {
            throw new UncheckedIOException(keyNotHeld);
        }
    }

    /** true when {@code stored} should be written again: clear while sealing is on, or wrapped under an older key. */
    public boolean staleAtRest(byte[] stored) {
        return cipher().map(sealing -> !Arrays.equals(stored, sealing.resealed(stored))).orElse(false);
    }

    private synchronized Optional<KeyMaterialCipher> cipher() {
        if (!looked) {
            looked = true;
            if (keys.isEmpty()) {
                LOG.warnf("%s is not set: the WhatsApp key store is kept unencrypted on the volume and in PostgreSQL", SETTING);
            } else {
                cipher = SealedKeyStore.seal(dataDir, wrappingKeys(keys.get()));
                LOG.info("The WhatsApp key store is sealed at rest (volume and PostgreSQL)");
            }
        }
        return Optional.ofNullable(cipher);
    }

    private static WrappingKeys wrappingKeys(String setting) {
        try {
            return SecretWrappingKeys.parse(setting);
        } catch (IllegalArgumentException wrong) {
            throw new IllegalArgumentException(SETTING + ": " + wrong.getMessage());
        }
    }
}
