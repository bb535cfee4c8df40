package io.kubezap.session.keystore;

import io.kubezap.contract.StorageMode;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.db.ReceivedMessageTransaction;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.keystore.sealing.KeyStoreSealing;
import io.kubezap.session.retry.Backoff;
import io.kubezap.session.host.scope.SessionKeys;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * The session's {@link KeyStoreMirror}: in storage mode Volume ({@code KUBEZAP_STORAGE_MODE}), PostgreSQL's copy made at
 * most every {@code KUBEZAP_KEY_STORE_MIRROR_INTERVAL}; in mode Database, the copy written through as the keys change,
 * as rows of the entries that changed ({@link KeyStoreRowRepository}; {@code KUBEZAP_KEY_STORE_ROWS=false}: the whole
 * copy each time, as before, which the benchmark compares against). Sealed when the key material is encrypted at rest
 * ({@link KeyStoreSealing}): the whole copy as one blob, the rows each on its own (so a message still rewrites only
 * the entries it changed).
 */
@Singleton
public class KeyStoreMirrorProducer {

    private static final Backoff RETRIES = Backoff.withEqualJitter(Duration.ofSeconds(1), Duration.ofSeconds(60));

    /** One per engine instance, so one per session, made while its session is named; it serves that session alone. */
    @Produces
    @Dependent
    NamedKeyStoreMirror keyStoreMirror(KeyStoreMirrorRepository wholeCopy, KeyStoreRowRepository rows, KeyStoreSealing sealing,
                                       SessionConfig config, ReceivedMessageTransaction messages) {
        String session = SessionKeys.naming();
        Duration interval = config.keyStore().mirrorInterval();
        StorageMode mode = config.storageMode();
        boolean byRow = mode == StorageMode.Database && config.keyStore().rows();
        KeyStoreMirrorTable table = byRow ? rows : wholeCopy;
        DebouncedKeyStoreMirror debounced = new DebouncedKeyStoreMirror(table, interval, RETRIES, Clock.systemUTC(),
                work -> () -> SessionKeys.run(session, work));
        debounced.start();
        KeyStoreMirror mirror = mode == StorageMode.Database ? new WriteThroughKeyStoreMirror(table, debounced, messages) : debounced;
        return new NamedKeyStoreMirror(session, byRow ? mirror : sealing.around(mirror), debounced::stop);
    }

    void stop(@Disposes NamedKeyStoreMirror mirror) {
        mirror.stop();
    }
}
