package io.kubezap.session.keystore;

import io.kubezap.contract.StorageMode;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.retry.Backoff;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/**
 * The session's {@link KeyStoreMirror}: in storage mode Volume ({@code KUBEZAP_STORAGE_MODE}), PostgreSQL's copy made at
 * most every {@code KUBEZAP_KEY_STORE_MIRROR_INTERVAL}; in mode Database, the copy written through as the keys change,
 * as rows of the entries that changed ({@link KeyStoreRowRepository}; {@code KUBEZAP_KEY_STORE_ROWS=false}: the whole
 * copy each time, as before, which the benchmark compares against).
 */
@Singleton
public class KeyStoreMirrorProducer {

    private static final Backoff RETRIES = Backoff.withEqualJitter(Duration.ofSeconds(1), Duration.ofSeconds(60));

    private DebouncedKeyStoreMirror debounced;

    @Produces
    @Singleton
    KeyStoreMirror keyStoreMirror(KeyStoreMirrorRepository wholeCopy, KeyStoreRowRepository rows,
                                  @ConfigProperty(name = "kubezap.key-store.mirror-interval", defaultValue = "10s")
                                  Duration interval,
                                  @ConfigProperty(name = "kubezap.storage-mode", defaultValue = "Volume") StorageMode mode,
                                  @ConfigProperty(name = "kubezap.key-store.rows", defaultValue = "true") boolean asRows) {
        KeyStoreMirrorTable table = mode == StorageMode.Database && asRows ? rows : wholeCopy;
        debounced = new DebouncedKeyStoreMirror(table, interval, RETRIES, Clock.systemUTC());
        debounced.start();
        return mode == StorageMode.Database ? new WriteThroughKeyStoreMirror(table, debounced) : debounced;
    }

    void stop(@Disposes KeyStoreMirror mirror) {
        if (debounced != null) {
            debounced.stop();
        }
    }
}
