package io.kubezap.session.keystore;

import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.retry.Backoff;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Duration;

/** The session's {@link KeyStoreMirror}: PostgreSQL's copy, at most every {@code KUBEZAP_KEY_STORE_MIRROR_INTERVAL}. */
public class KeyStoreMirrorProducer {

    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Backoff RETRIES = Backoff.withEqualJitter(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Produces
    @Singleton
    DebouncedKeyStoreMirror keyStoreMirror(KeyStoreMirrorRepository table,
                                           @ConfigProperty(name = "kubezap.key-store.mirror-interval", defaultValue = "10s")
                                           Duration interval) {
        var mirror = new DebouncedKeyStoreMirror(table, interval, RETRIES, Clock.systemUTC());
        mirror.start(TICK);
        return mirror;
    }

    void stop(@Disposes DebouncedKeyStoreMirror mirror) {
        mirror.stop();
    }
}
