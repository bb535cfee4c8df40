package io.kubezap.session.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tenant's proxy on loopback, HTTP CONNECT or SOCKS5 (RFC 1928, user/password by RFC 1929), that counts the tunnels
 * it opens and the logins it refuses. Each tunnel goes on {@link Onward}: to the WhatsApp simulator through its CONNECT
 * front (no DNS name resolves here, so the target's name is handed on, as a proxy resolving it itself would), or to a
 * local server. Library proxies connect to the target themselves, which could not reach the simulator; hence this
 * minimal one. Blocking sockets, a virtual thread per direction.
 */
public final class TestProxy implements AutoCloseable {

    public enum Kind { HTTP, SOCKS5 }

    /** Opens the connection a tunnel to {@code host:port} continues on. */
    @FunctionalInterface
    public interface Onward {
        Socket open(String host, int port) throws IOException;
    }

    private final ServerSocket server;
    private final Kind kind;
    private final String username;
    private final String password;
    private final Onward onward;
    private final List<String> tunnels = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusedLogins = new AtomicInteger();

    private TestProxy(Kind kind, String username, String password, Onward onward) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.kind = kind;
        this.username = username;
        this.password = password;
        this.onward = onward;
        Thread.ofVirtual().name("test-proxy-" + kind).start(this::acceptAll);
    }

    /** A proxy that asks for {@code username}/{@code password} (null: asks for nothing). */
    public static TestProxy start(Kind kind, String username, String password, Onward onward) {
        try {
            return new TestProxy(kind, username, password, onward);
        } catch (IOException cannotListen) {
            throw new UncheckedIOException(cannotListen);
        }
    }

    /** On through the HTTP CONNECT proxy at {@code proxyPort} on loopback (the simulator's front). */
    public static Onward through(int proxyPort) {
        return (host, port) -> {
            var socket = new Socket(InetAddress.getLoopbackAddress(), proxyPort);
            var out = socket.getOutputStream();
            out.write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answer = head(socket.getInputStream());
            if (!answer.startsWith("HTTP/1.1 200") && !answer.startsWith("HTTP/1.0 200")) {
                socket.close();
                throw new IOException("the onward proxy answered " + answer.lines().findFirst().orElse(""));
            }
            return socket;
        };
    }

    /** On to the server at {@code localPort} on loopback, whatever the tunnel's target. */
    public static Onward to(int localPort) {
        return (host, port) -> new Socket(InetAddress.getLoopbackAddress(), localPort);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code host:port} of every tunnel opened, in order. */
    public List<String> tunnels() {
        return List.copyOf(tunnels);
    }

    /** Logins refused: wrong or missing credentials. */
    public int refusedLogins() {
        return refusedLogins.get();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().start(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            var in = new DataInputStream(client.getInputStream());
            var out = client.getOutputStream();
            String[] target = kind == Kind.HTTP ? httpConnect(in, out) : socks5(in, out);
            if (target == null) {
                client.close();
                return;
            }
            Socket remote;
            try {
                remote = onward.open(target[0], Integer.parseInt(target[1]));
            } catch (IOException unreachable) {
                refuseTarget(out);
                client.close();
                return;
            }
            tunnels.add(target[0] + ":" + target[1]);
            established(out);
            Thread.ofVirtual().start(() -> copy(client, remote));
            copy(remote, client);
        } catch (IOException | RuntimeException dropped) {
            closeQuietly(client);
        }
    }

    /** The CONNECT request's {host, port}, or null after answering a refusal. */
    private String[] httpConnect(InputStream in, OutputStream out) throws IOException {
        String head = head(in);
        String[] requestLine = head.lines().findFirst().orElse("").split(" ");
        if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
            out.write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            return null;
        }
        if (username != null) {
            String expected = "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            boolean authorized = head.lines().anyMatch(line -> line.regionMatches(true, 0, "Proxy-Authorization:", 0, 20)
                    && line.substring(20).trim().equals(expected));
            if (!authorized) {
                refusedLogins.incrementAndGet();
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                return null;
            }
        }
        int colon = requestLine[1].lastIndexOf(':');
        return new String[] {requestLine[1].substring(0, colon), requestLine[1].substring(colon + 1)};
    }

    /** The SOCKS5 request's {host, port}, or null after answering a refusal. */
    private String[] socks5(DataInputStream in, OutputStream out) throws IOException {
        if (in.readUnsignedByte() != 5) {
            return null;
        }
        byte[] methods = in.readNBytes(in.readUnsignedByte());
        int wanted = username == null ? 0 : 2;
        boolean offered = false;
        for (byte method : methods) {
            offered |= method == wanted;
        }
        if (!offered) {
            refusedLogins.incrementAndGet();
            out.write(new byte[] {5, (byte) 0xff});
            return null;
        }
        out.write(new byte[] {5, (byte) wanted});
        if (username != null) {
            in.readUnsignedByte();
            String user = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            String secret = new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.UTF_8);
            if (!user.equals(username) || !secret.equals(password)) {
                refusedLogins.incrementAndGet();
                out.write(new byte[] {1, 1});
                return null;
            }
            out.write(new byte[] {1, 0});
        }
        in.readUnsignedByte();
        int command = in.readUnsignedByte();
        in.readUnsignedByte();
        String host = switch (in.readUnsignedByte()) {
            case 1 -> InetAddress.getByAddress(in.readNBytes(4)).getHostAddress();
            case 3 -> new String(in.readNBytes(in.readUnsignedByte()), StandardCharsets.US_ASCII);
            case 4 -> InetAddress.getByAddress(in.readNBytes(16)).getHostAddress();
            default -> throw new IOException("unknown address type");
        };
        int port = in.readUnsignedShort();
        if (command != 1) {
            out.write(new byte[] {5, 7, 0, 1, 0, 0, 0, 0, 0, 0});
            return null;
        }
        return new String[] {host, Integer.toString(port)};
    }

    private void established(OutputStream out) throws IOException {
        out.write(kind == Kind.HTTP ? "HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)
                : new byte[] {5, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        out.flush();
    }

    private void refuseTarget(OutputStream out) throws IOException {
        out.write(kind == Kind.HTTP ? "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)
                : new byte[] {5, 4, 0, 1, 0, 0, 0, 0, 0, 0});
    }

    /** Reads up to the blank line that ends an HTTP head, byte by byte so that nothing after it is consumed. */
    private static String head(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("the connection ended in the middle of a request");
            }
            head.write(next);
            matched = next == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (next == '\r' ? 1 : 0);
            if (head.size() > 16384) {
                throw new IOException("an HTTP head longer than 16 KiB");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Relays until either side ends, then ends both: TLS inside the tunnel needs no half-closed connection. */
    private static void copy(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException closed) {
            // one side is gone: so is the tunnel
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException alreadyGone) {
            // nothing left to release
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException alreadyClosed) {
            // nothing left to release
        }
    }
}
