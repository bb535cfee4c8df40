package io.kubezap.session.keystore;

import io.kubezap.contract.StorageMode;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.keystore.sealing.KeyStoreSealing;
import io.kubezap.session.retry.Backoff;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/**
 * The session's {@link KeyStoreMirror}: in storage mode Volume ({@code KUBEZAP_STORAGE_MODE}), PostgreSQL's copy made at
 * most every {@code KUBEZAP_KEY_STORE_MIRROR_INTERVAL}; in mode Database, the copy written through as the keys change.
 * Either way sealed when the key material is encrypted at rest ({@link KeyStoreSealing}).
 */
@Singleton
public class KeyStoreMirrorProducer {

    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Backoff RETRIES = Backoff.withEqualJitter(Duration.ofSeconds(1), Duration.ofSeconds(60));

    private DebouncedKeyStoreMirror debounced;

    @Produces
    @Singleton
    KeyStoreMirror keyStoreMirror(KeyStoreMirrorRepository table, KeyStoreSealing sealing,
                                  @ConfigProperty(name = "kubezap.key-store.mirror-interval", defaultValue = "10s")
                                  Duration interval,
                                  @ConfigProperty(name = "kubezap.storage-mode", defaultValue = "Volume") StorageMode mode) {
        debounced = new DebouncedKeyStoreMirror(table, interval, RETRIES, Clock.systemUTC());
        debounced.start(TICK);
        return sealing.around(mode == StorageMode.Database ? new WriteThroughKeyStoreMirror(table, debounced) : debounced);
    }

    void stop(@Disposes KeyStoreMirror mirror) {
        if (debounced != null) {
            debounced.stop();
        }
    }
}
