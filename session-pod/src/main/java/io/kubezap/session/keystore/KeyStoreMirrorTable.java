package io.kubezap.session.keystore;

import io.kubezap.session.db.ReceivedMessageTransaction;
import io.kubezap.session.engine.KeyStoreCopy;

import java.util.Optional;
import java.util.function.Supplier;

/** Where the session's one key store copy is kept; each call may fail while the database does not answer. */
interface KeyStoreMirrorTable {

    Optional<KeyStoreCopy> read();

    /** Replaces the copy. */
    void write(KeyStoreCopy copy);

    /**
     * The write of {@code current} as part of a received message's transaction; empty when this table writes only in a
     * transaction of its own.
     */
    default Optional<ReceivedMessageTransaction.JoiningWrite> joining(Supplier<Optional<KeyStoreCopy>> current) {
        return Optional.empty();
    }

    void delete();

    /** This pod takes the session's key store: a pod that held it before is refused its writes from now on. */
    default void take() {
    }

    /** @throws io.kubezap.session.engine.KeyStoreTakenOver when another pod took the key store since {@link #take()} */
    default void checkHeld() {
    }
}
