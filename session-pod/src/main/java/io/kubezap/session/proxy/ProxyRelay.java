package io.kubezap.session.proxy;

import io.kubezap.contract.ProxyKind;
import io.kubezap.contract.SessionState;
import io.kubezap.session.egress.EgressRule;
import io.kubezap.session.engine.WhatsAppRoute;
import io.netty.handler.proxy.ProxyConnectException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link WhatsAppRoute} through the session's proxy: an HTTP proxy on loopback that answers each
 * {@code CONNECT host:port} by opening that tunnel through the session's proxy (HTTP CONNECT or SOCKS5, with its
 * credentials; Netty's proxy handlers by way of Vert.x) and relaying the bytes. Cobalt's socket and its media
 * transfers, the pod's own media downloads, the Web version lookup and the Baileys bridge all speak plain HTTP CONNECT
 * to it: the JDK's HTTP client cannot use SOCKS, and offers proxy credentials only through JVM-wide settings.
 * <p>
 * The proxy's address passes the egress rule first (a private address needs the cluster admin's allow-list), at each
 * tunnel and resolved once for it. Only WhatsApp's hosts (and the Web version lookup's) are tunnelled: the relay is
 * no open proxy for whatever else runs in the pod. Why the latest tunnel failed is kept for the engine, which shows
 * it as the session's {@code lastError} instead of a bare "tunnel failed".
 */
public final class ProxyRelay implements WhatsAppRoute, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProxyRelay.class);
    private static final int MOST_HEADER_BYTES = 8192;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> WHATSAPP_DOMAINS = Set.of("whatsapp.net", "whatsapp.com");
    private static final Buffer ESTABLISHED = Buffer.buffer("HTTP/1.1 200 Connection established\r\n\r\n");

    private final Vertx vertx;
    private final SessionProxy proxy;
    private final EgressRule egress;
    private final Set<String> otherHosts;
    private final Map<InetAddress, NetClient> clients = new ConcurrentHashMap<>();
    private final AtomicReference<Failure> lastFailure = new AtomicReference<>();
    private final Future<NetServer> listening;

    /**
     * Listens on loopback at once (without waiting: this may run on an event loop).
     *
     * @param otherHosts hosts besides WhatsApp's that may be reached (the Web version lookup's)
     */
    public ProxyRelay(Vertx vertx, SessionProxy proxy, EgressRule egress, Set<String> otherHosts) {
        this.vertx = vertx;
        this.proxy = proxy;
        this.egress = egress;
        this.otherHosts = Set.copyOf(otherHosts.stream().map(host -> host.toLowerCase(Locale.ROOT)).toList());
        this.listening = vertx.createNetServer().connectHandler(this::accept).listen(0, "127.0.0.1");
    }

    @Override
    public Optional<URI> httpProxy() {
        try {
            int port = listening.toCompletionStage().toCompletableFuture()
                    .get(LISTEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS).actualPort();
            return Optional.of(URI.create("http://127.0.0.1:" + port));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the proxy relay was starting", interrupted);
        } catch (Exception cannotListen) {
            throw new IllegalStateException("the relay to the session's proxy cannot listen on loopback: " + cannotListen, cannotListen);
        }
    }

    @Override
    public Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure.get());
    }

    /** Reads the client's CONNECT request, then tunnels; whatever the client sent after it goes on through the tunnel. */
    private void accept(NetSocket local) {
        var head = Buffer.buffer();
        local.exceptionHandler(error -> local.close());
        local.handler(chunk -> {
            head.appendBuffer(chunk);
            int end = head.toString(StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n");
            if (end < 0) {
                if (head.length() > MOST_HEADER_BYTES) {
                    answer(local, "431 Request Header Fields Too Large");
                }
                return;
            }
            local.handler(null);
            local.pause();
            var target = ConnectTarget.parse(head.getString(0, end, StandardCharsets.ISO_8859_1.name()));
            if (target == null) {
                answer(local, "405 Method Not Allowed");
            } else if (!reachable(target.host())) {
                LOG.warnf("Not tunnelled through the session's proxy: %s is not one of WhatsApp's hosts", target.host());
                answer(local, "403 Forbidden");
            } else {
                tunnel(local, target, head.getBuffer(end + 4, head.length()));
            }
        });
    }

    private boolean reachable(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return otherHosts.contains(name)
                || WHATSAPP_DOMAINS.stream().anyMatch(domain -> name.equals(domain) || name.endsWith("." + domain));
    }

    private void tunnel(NetSocket local, ConnectTarget target, Buffer early) {
        vertx.executeBlocking(() -> egress.check(proxy.host()), false)
                .compose(checked -> checked.allowed()
                        ? client(checked.address()).connect(target.port(), target.host())
                        : Future.failedFuture(new EgressRefusal(checked.refusal())))
                .onSuccess(remote -> {
                    lastFailure.set(null);
                    local.write(ESTABLISHED);
                    if (early.length() > 0) {
                        remote.write(early);
                    }
                    local.pipeTo(remote);
                    remote.pipeTo(local);
                })
                .onFailure(error -> {
                    var failure = explain(target, error);
                    lastFailure.set(failure);
                    LOG.warn(failure.message());
                    answer(local, "502 Bad Gateway");
                });
    }

    private NetClient client(InetAddress address) {
        return clients.computeIfAbsent(address, checked -> {
            var options = new ProxyOptions()
                    .setType(proxy.kind() == ProxyKind.SOCKS5 ? ProxyType.SOCKS5 : ProxyType.HTTP)
                    .setHost(checked.getHostAddress())
                    .setPort(proxy.port());
            proxy.username().ifPresent(options::setUsername);
            proxy.password().ifPresent(options::setPassword);
            return vertx.createNetClient(new NetClientOptions().setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
                    .setProxyOptions(options));
        });
    }

    /** Says whose fault the failed tunnel was, naming the proxy but never its password. */
    private Failure explain(ConnectTarget target, Throwable error) {
        if (error instanceof EgressRefusal refusal) {
            return new Failure(SessionState.LastError.PROXY_UNREACHABLE,
                    "the session's proxy " + proxy.address() + " may not be used: " + refusal.getMessage());
        }
        var refused = causeOf(error, ProxyConnectException.class);
        String detail = refused != null ? refused.getMessage() : String.valueOf(error.getMessage());
        if (refused != null && !detail.toLowerCase(Locale.ROOT).contains("timeout")) {
            boolean credentials = detail.contains("407") || detail.toLowerCase(Locale.ROOT).contains("auth");
            return new Failure(SessionState.LastError.PROXY_REFUSED, "the session's proxy " + proxy.address()
                    + " refused the tunnel to " + target + " (" + detail + ")"
                    + (credentials ? ": check its credentials (spec.proxy.usernameRef and passwordRef)" : ""));
        }
        return new Failure(SessionState.LastError.PROXY_UNREACHABLE,
                "the session's proxy " + proxy.address() + " cannot be reached (" + error.getClass().getSimpleName()
                        + (detail == null || detail.equals("null") ? "" : ": " + detail) + ")");
    }

    private static <T extends Throwable> T causeOf(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static void answer(NetSocket local, String status) {
        local.write(Buffer.buffer("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                .onComplete(written -> local.close());
    }

    @Override
    public void close() {
        listening.onSuccess(NetServer::close);
        clients.values().forEach(NetClient::close);
    }

    /** The egress rule refused the proxy's address. */
    private static final class EgressRefusal extends Exception {
        EgressRefusal(String why) {
            super(why, null, false, false);
        }
    }

    /** {@code CONNECT host:port HTTP/1.1}: where the client wants a tunnel to. */
    record ConnectTarget(String host, int port) {

        /** The request line's target, or null when it is no CONNECT to a host and port. */
        static ConnectTarget parse(String head) {
            String[] requestLine = head.lines().findFirst().orElse("").split(" ");
            if (requestLine.length != 3 || !requestLine[0].equals("CONNECT")) {
                return null;
            }
            String authority = requestLine[1];
            int colon = authority.lastIndexOf(':');
            if (colon <= 0) {
                return null;
            }
            String host = authority.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(authority.substring(colon + 1));
                return port > 0 && port < 65536 ? new ConnectTarget(host, port) : null;
            } catch (NumberFormatException notAPort) {
                return null;
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
