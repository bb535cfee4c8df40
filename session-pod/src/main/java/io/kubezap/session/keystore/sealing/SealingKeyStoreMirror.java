package io.kubezap.session.keystore.sealing;

import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreMirror;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The key store's copy in PostgreSQL, sealed: the keys and the store go to the database sealed by the session's
 * {@link KeyMaterialCipher} (its data key wrapped in each blob), and are opened as they are read back. A copy an
 * earlier version wrote in the clear is read as it is, and replaced sealed at the next write.
 */
public final class SealingKeyStoreMirror implements KeyStoreMirror {

    private final KeyStoreMirror mirror;
    private final KeyMaterialCipher cipher;

    public SealingKeyStoreMirror(KeyStoreMirror mirror, KeyMaterialCipher cipher) {
        this.mirror = mirror;
        this.cipher = cipher;
    }

    @Override
    public void changed(Supplier<Optional<KeyStoreCopy>> current) {
        mirror.changed(() -> current.get().map(this::sealed));
    }

    @Override
    public Optional<KeyStoreCopy> read() {
        return mirror.read().map(this::opened);
    }

    private KeyStoreCopy sealed(KeyStoreCopy copy) {
        return new KeyStoreCopy(copy.device(), cipher.seal(copy.keys()), cipher.seal(copy.store()), copy.writtenAt());
    }

    private KeyStoreCopy opened(KeyStoreCopy copy) {
        try {
            return new KeyStoreCopy(copy.device(), cipher.open(copy.keys()), cipher.open(copy.store()), copy.writtenAt());
        } catch (IOException keyNotHeld) {
            throw new UncheckedIOException(keyNotHeld);
        }
    }

    @Override
    public void forget(UUID device) {
        mirror.forget(device);
    }

    @Override
    public boolean flush(Duration patience) {
        return mirror.flush(patience);
    }

    @Override
    public void take() {
        mirror.take();
    }

    @Override
    public void checkHeld() {
        mirror.checkHeld();
    }

    @Override
    public boolean authoritative() {
        return mirror.authoritative();
    }
}
