package io.kubezap.session.sink;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** A TCP listener that speaks no protocol: it counts the connections it gets and closes each at once. */
final class CountingListener implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket();
    private final AtomicInteger connections = new AtomicInteger();

    /** On {@code address}, at {@code port} (0: any free one). */
    CountingListener(String address, int port) throws IOException {
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), port));
        Thread.ofVirtual().start(this::count);
    }

    int port() {
        return socket.getLocalPort();
    }

    int connections() {
        return connections.get();
    }

    private void count() {
        while (!socket.isClosed()) {
            try (Socket accepted = socket.accept()) {
                connections.incrementAndGet();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
