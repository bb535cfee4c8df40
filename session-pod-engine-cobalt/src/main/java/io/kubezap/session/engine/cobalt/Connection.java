package io.kubezap.session.engine.cobalt;

import java.util.concurrent.CompletionStage;

/** The socket the {@link ReconnectWatchdog} keeps alive. */
public interface Connection {

    /** Opens a socket; fails when it cannot be opened. May stay pending while the device is pairing. */
    CompletionStage<?> open();

    /** true while a socket is up (handshake done), paired or pairing. */
    boolean isOpen();

    /** Closes the socket, if any, without touching credentials. */
    void close();
}
