package io.kubezap.session.engine;

import java.net.URI;
import java.util.Optional;

/**
 * How an engine reaches WhatsApp (its socket, media hosts, web.whatsapp.com): directly, or through an HTTP proxy on
 * loopback that tunnels each connection through the session's own proxy ({@code spec.proxy}, HTTP CONNECT or SOCKS5,
 * with its credentials), so that every client speaks plain HTTP CONNECT without credentials and the session's
 * proxy is judged in one place.
 */
public interface WhatsAppRoute {

    WhatsAppRoute DIRECT = new WhatsAppRoute() {
        @Override
        public Optional<URI> httpProxy() {
            return Optional.empty();
        }

        @Override
        public Optional<Failure> lastFailure() {
            return Optional.empty();
        }
    };

    /** The HTTP proxy ({@code http://127.0.0.1:port}) clients are to use; empty: the JVM's own routing. */
    Optional<URI> httpProxy();

    /** Why the latest tunnel through the session's proxy failed, unless one has worked since. */
    Optional<Failure> lastFailure();

    /**
     * {@code reason}: {@link io.kubezap.contract.SessionState.LastError#PROXY_REFUSED} or
     * {@link io.kubezap.contract.SessionState.LastError#PROXY_UNREACHABLE}.
     */
    record Failure(String reason, String message) {

        public RouteFailedException asException() {
            return new RouteFailedException(this);
        }
    }
}
