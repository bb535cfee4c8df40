package io.kubezap.session.keystore;

import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.host.scope.SessionKeys;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One session's mirror, which the engine reaches from its own threads (Cobalt's), which name no session: each call
 * serves the session the mirror was made for, so its lease and rows are that session's (issue 81, a host's sessions).
 */
final class NamedKeyStoreMirror implements KeyStoreMirror {

    private final String session;
    private final KeyStoreMirror mirror;
    private final Runnable stop;

    NamedKeyStoreMirror(String session, KeyStoreMirror mirror, Runnable stop) {
        this.session = session;
        this.mirror = mirror;
        this.stop = stop;
    }

    /** The mirror's own threads end (its session leaves the JVM, or the JVM stops). */
    void stop() {
        stop.run();
    }

    @Override
    public void changed(Supplier<Optional<KeyStoreCopy>> current) {
        SessionKeys.run(session, () -> mirror.changed(current));
    }

    @Override
    public void changedWith(Supplier<Optional<KeyStoreCopy>> current, Runnable handOver) {
        SessionKeys.run(session, () -> mirror.changedWith(current, handOver));
    }

    @Override
    public void forget(UUID device) {
        SessionKeys.run(session, () -> mirror.forget(device));
    }

    @Override
    public boolean flush(Duration patience) {
        return SessionKeys.get(session, () -> mirror.flush(patience));
    }

    @Override
    public Optional<KeyStoreCopy> read() {
        return SessionKeys.get(session, mirror::read);
    }

    @Override
    public void take() {
        SessionKeys.run(session, mirror::take);
    }

    @Override
    public void checkHeld() {
        SessionKeys.run(session, mirror::checkHeld);
    }

    @Override
    public boolean authoritative() {
        return mirror.authoritative();
    }
}
