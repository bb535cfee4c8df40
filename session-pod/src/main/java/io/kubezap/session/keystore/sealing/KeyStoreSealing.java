package io.kubezap.session.keystore.sealing;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.scope.PerSession;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * The session's key material encrypted at rest when a wrapping key is set ({@link WrappingKeysSettings}: the operator
 * passes the cluster's key-wrapping Secret, or names a KMS key): the engines' key stores on the volume
 * ({@link SealedKeyStore}), sealed before the session starts, and their copy in PostgreSQL ({@link #around}). Without
 * one they are kept in the clear, as before, and the log says so.
 *
 * <p>Each session's own (issue 81): its wrapping keys, its owner (the KMS encryption context) and its data directory
 * come from its own configuration, a pod's environment or a host's entry, never from the host's environment.
 */
@PerSession
public class KeyStoreSealing {

    private static final Logger LOG = Logger.getLogger(KeyStoreSealing.class);

    private final Path dataDir;
    private final WrappingKeysSettings keys;
    private KeyMaterialCipher cipher;
    private boolean looked;

    @Inject
    public KeyStoreSealing(HostedSessions sessions) {
        this(sessions.current().config());
    }

    private KeyStoreSealing(SessionConfig config) {
        this(Path.of(config.dataDir()), new WrappingKeysSettings(config.keyWrappingKeys(), config.keyWrappingKmsKey(),
                config.keyWrappingKmsEndpoint(), new KeyOwner(config.namespace(), config.session().orElse("local"))));
    }

    private KeyStoreSealing(Path dataDir, WrappingKeysSettings keys) {
        this.dataDir = dataDir;
        this.keys = keys;
    }

    /** Key material sealed under {@code wrappingKeys} (the setting's form), the data key kept in {@code dataDir}. */
    public static KeyStoreSealing sealedIn(Path dataDir, String wrappingKeys) {
        return sealedIn(dataDir, new WrappingKeysSettings(Optional.of(wrappingKeys), Optional.empty(), Optional.empty(),
                WrappingKeysSettings.none().owner()));
    }

    /** Key material sealed under the keys {@code settings} name, the data key kept in {@code dataDir}. */
    public static KeyStoreSealing sealedIn(Path dataDir, WrappingKeysSettings settings) {
        return new KeyStoreSealing(dataDir, settings);
    }

    /** Key material kept in the clear (tests of what is stored, embedding). */
    public static KeyStoreSealing off() {
        return new KeyStoreSealing(Path.of("."), WrappingKeysSettings.none());
    }

    /**
     * The session's key stores on its volume sealed, and sealed from now on, before its engine reads them: first thing
     * when the session starts ({@code SessionRuntime.start}).
     *
     * @throws UncheckedIOException when the data key or a file is wrapped under a key the session's settings do not hold
     */
    public void sealBeforeTheEngineReads() {
        cipher();
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
                    "the key store in PostgreSQL is sealed, but no wrapping key is set ("
                            + WrappingKeysSettings.SECRET_KEYS + " or " + WrappingKeysSettings.KMS_KEY + ")")).open(stored);
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
            if (!keys.any()) {
                LOG.warnf("Neither %s nor %s is set: the WhatsApp key store is kept unencrypted on the volume and in PostgreSQL",
                        WrappingKeysSettings.SECRET_KEYS, WrappingKeysSettings.KMS_KEY);
            } else {
                var wrappingKeys = keys.wrappingKeys();
                cipher = SealedKeyStore.seal(dataDir, wrappingKeys);
                LOG.infof("The WhatsApp key store is sealed at rest (volume and PostgreSQL), wrapping key '%s'",
                        wrappingKeys.currentId());
            }
        }
        return Optional.ofNullable(cipher);
    }
}
