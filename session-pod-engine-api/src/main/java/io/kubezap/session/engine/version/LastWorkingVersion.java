package io.kubezap.session.engine.version;

import java.util.Optional;

/** The WhatsApp Web version this session last logged in with, kept with the session. */
public interface LastWorkingVersion {

    /** Empty when none was kept, or when it cannot be read now. */
    Optional<String> read();

    /** Keeps {@code version}; a failure to keep it is logged, never thrown (the login it follows worked). */
    void remember(String version);

    /** Keeps nothing: for engines run without a database (tests, embedding). */
    LastWorkingVersion NONE = new LastWorkingVersion() {
        @Override
        public Optional<String> read() {
            return Optional.empty();
        }

        @Override
        public void remember(String version) {
        }
    };
}
