package io.kubezap.simulator.stream;

import java.time.Duration;

/** The server end of one client's WebSocket, as the chat protocol sees it. */
public interface ChatSocket {
    /** Sends one frame: the transport adds the 3-byte length. */
    void send(byte[] payload);

    /** Drops the connection without a WebSocket close handshake. */
    void drop();

    /** Runs a task on the thread that delivers this socket's frames. */
    void execute(Runnable task);

    /** Runs a task later on the thread that delivers this socket's frames. */
    void schedule(Runnable task, Duration delay);

    String remoteAddress();
}
