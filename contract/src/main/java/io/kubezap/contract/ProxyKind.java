package io.kubezap.contract;

/**
 * The kind of proxy a session reaches WhatsApp through: the resource's {@code spec.proxy.type}, passed to the session
 * pod as the scheme of {@link PodEnvironment#PROXY_URL}.
 */
public enum ProxyKind {
    /** An HTTP proxy that opens tunnels ({@code CONNECT host:443}); credentials by Basic authentication. */
    HTTP("http"),
    /** A SOCKS5 proxy (RFC 1928); credentials by user name and password (RFC 1929). */
    SOCKS5("socks5");

    private final String scheme;

    ProxyKind(String scheme) {
        this.scheme = scheme;
    }

    /** The scheme of the proxy's URL: {@code http} or {@code socks5}. */
    public String scheme() {
        return scheme;
    }

    /** The kind a URL's scheme names, or null when it names none. */
    public static ProxyKind ofScheme(String scheme) {
        for (ProxyKind kind : values()) {
            if (kind.scheme.equalsIgnoreCase(scheme)) {
                return kind;
            }
        }
        return null;
    }
}
