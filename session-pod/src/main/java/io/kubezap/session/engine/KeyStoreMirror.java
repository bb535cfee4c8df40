package io.kubezap.session.engine;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A copy of the engine's key store away from the session's volume (PostgreSQL), so that a lost volume does not unlink
 * the device. The engine tells it when the store on the volume changed; the copy follows later, never holding up
 * the engine, and a failure to make it delays the copy, never the session.
 */
public interface KeyStoreMirror {

    /**
     * The store on the volume changed: copy it soon. {@code current} reads it (empty: nothing worth copying) when the
     * copy is made, so many changes cost one copy. Returns at once and never throws.
     */
    void changed(Supplier<Optional<KeyStoreCopy>> current);

    /**
     * The device was logged out or banned: the copy is deleted (retried until the database takes it), and the
     * device's store is not copied again, so a re-linked phone never comes back as the old device. Returns at once.
     */
    void forget(UUID device);

    /** Makes the copy owed now (a clean stop), waiting at most {@code patience}; true when nothing is left owed. */
    boolean flush(Duration patience);

    /**
     * The copy, to restore a lost store from; empty when there is none.
     *
     * @throws RuntimeException when it cannot be read now
     */
    Optional<KeyStoreCopy> read();

    /** Keeps nothing: engines run without a database (tests, embedding). */
    KeyStoreMirror NONE = new KeyStoreMirror() {
        @Override
        public void changed(Supplier<Optional<KeyStoreCopy>> current) {
        }

        @Override
        public void forget(UUID device) {
        }

        @Override
        public boolean flush(Duration patience) {
            return true;
        }

        @Override
        public Optional<KeyStoreCopy> read() {
            return Optional.empty();
        }
    };
}
