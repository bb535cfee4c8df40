package io.kubezap.gateway.events;

import io.vertx.core.streams.WriteStream;

import java.time.Duration;

/**
 * A sink on a Vert.x connection: it writes while the connection's write queue has room and waits while it is full
 * (the client is not reading), up to a stall timeout.
 */
abstract class ConnectionSink implements FeedWriter {

    private static final Duration STALL = Duration.ofSeconds(30);

    private final WriteStream<?> connection;
    private volatile boolean closed;

    ConnectionSink(WriteStream<?> connection) {
        this.connection = connection;
    }

    /** Marks the sink closed and runs {@code then} when the client or the network closes the connection. */
    abstract void onClose(Runnable then);

    /** The stream broke on the gateway's side: end the connection. */
    abstract void fail();

    abstract void write(FeedEvent event);

    @Override
    public final boolean send(FeedEvent event) throws InterruptedException {
        long deadline = System.nanoTime() + STALL.toNanos();
        while (connection.writeQueueFull()) {
            if (closed() || System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        if (closed()) {
            return false;
        }
        write(event);
        return true;
    }

    /** Also true when the connection closed before {@link #onClose} was registered (its handler never runs then). */
    @Override
    public final boolean closed() {
        return closed || connectionClosed();
    }

    abstract boolean connectionClosed();

    final void markClosed() {
        closed = true;
    }
}
