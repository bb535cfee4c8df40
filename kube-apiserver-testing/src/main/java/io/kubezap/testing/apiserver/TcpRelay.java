package io.kubezap.testing.apiserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;

/**
 * A loopback TCP relay to a port (bytes as they are: TLS passes through), whose connections can be cut: a client of
 * the API server through it loses its watches and requests at once and cannot connect again until
 * {@link #restore()}, as when a network partition or a node's loss separates a controller from its API server. Or
 * stalled: connections open and stay open, but no byte passes either way until {@link #resume()}, as when an
 * overloaded API server answers nothing for a while (a client sees its requests time out, not refused).
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile CountDownLatch stallGate = new CountDownLatch(0);

    private TcpRelay(ServerSocket listener, int target) {
        this.listener = listener;
        this.target = target;
    }

    /** Relays a free loopback port to {@code targetPort} on loopback. */
    public static TcpRelay to(int targetPort) {
        try {
            TcpRelay relay = new TcpRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
            Thread.ofVirtual().name("tcp-relay-accept").start(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every relayed connection; new ones are closed at once until {@link #restore()}. */
    public void cut() {
        cut = true;
        open.forEach(TcpRelay::closeQuietly);
        open.clear();
    }

    public void restore() {
        cut = false;
    }

    /** Holds every byte, of open and new connections alike, until {@link #resume()}; nothing is lost. */
    public synchronized void stall() {
        if (stallGate.getCount() == 0) {
            stallGate = new CountDownLatch(1);
        }
    }

    public synchronized void resume() {
        stallGate.countDown();
    }

    private void awaitNotStalled() throws IOException {
        try {
            stallGate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stalled", e);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                open.add(client);
                open.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16 * 1024];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                awaitNotStalled();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException closed) {
            // one side closed or the relay was cut: the other side closes too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        resume();
        cut();
        closeQuietly(listener);
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
