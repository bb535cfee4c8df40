package io.kubezap.session.keystore;

import io.kubezap.session.engine.KeyStoreCopy;

import java.util.Optional;

/** Where the session's one key store copy is kept; each call may fail while the database does not answer. */
interface KeyStoreMirrorTable {

    Optional<KeyStoreCopy> read();

    /** Replaces the copy. */
    void write(KeyStoreCopy copy);

    void delete();

    /** This pod takes the session's key store: a pod that held it before is refused its writes from now on. */
    default void take() {
    }

    /** @throws io.kubezap.session.engine.KeyStoreTakenOver when another pod took the key store since {@link #take()} */
    default void checkHeld() {
    }
}
