package io.kubezap.session.keystore.sealing;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.engine.KeyStoreMirror;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.nio.file.Path;
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

    public KeyStoreSealing(SessionConfig config) {
        this.dataDir = Path.of(config.dataDir());
        this.keys = config.keyWrappingKeys().filter(value -> !value.isBlank());
        this.migrateOnly = config.migrateOnly();
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
