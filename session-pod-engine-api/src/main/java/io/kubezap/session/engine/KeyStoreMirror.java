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
     * copy is made, so many changes cost one copy. Returns at once and never throws, except, when
     * {@link #authoritative()}, after writing the copy, or {@link KeyStoreTakenOver} when the write was refused.
     */
    void changed(Supplier<Optional<KeyStoreCopy>> current);

    /**
     * The store changed by decrypting a received message that {@code handOver} hands over to be stored: as
     * {@link #changed}, except that a mirror that can (storage mode Database) writes the copy in the transaction that
     * stores the message, so both are stored or neither; when no such transaction took it (the message waits for the
     * database, or was not handed over), after {@code handOver}, as {@link #changed}. Runs {@code handOver} once.
     */
    default void changedWith(Supplier<Optional<KeyStoreCopy>> current, Runnable handOver) {
        handOver.run();
        changed(current);
    }

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

    /**
     * This pod takes the session's key store, before it reads the copy and connects: a pod that took it earlier is
     * refused its writes and connections from now on ({@link KeyStoreTakenOver}).
     *
     * @throws RuntimeException when the database does not answer
     */
    default void take() {
    }

    /**
     * Before each connection.
     *
     * @throws KeyStoreTakenOver when another pod took the key store since this one did
     */
    default void checkHeld() {
    }

    /**
     * true when the copy, not the data directory, is the key store's source of truth (storage mode Database): it is
     * written before {@link #changed} returns, and a start puts it back over whatever the data directory holds.
     */
    default boolean authoritative() {
        return false;
    }

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
