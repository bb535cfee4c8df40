package io.kubezap.gateway.proxy;

import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.ProxyOptions;
import io.vertx.core.net.ProxyType;

import java.net.URI;

/**
 * The JVM's standard {@code http.proxyHost}/{@code http.proxyPort}, which the JDK's own clients honour and Vert.x'
 * does not by itself. Unset in a cluster; the whole-system suite reaches Service names through one.
 */
final class JvmHttpProxy {

    private static final String HOST = System.getProperty("http.proxyHost", "");
    private static final int PORT = Integer.getInteger("http.proxyPort", 80);

    private JvmHttpProxy() {
    }

    static HttpClientOptions applyTo(HttpClientOptions options) {
        return HOST.isBlank() ? options
                : options.setProxyOptions(new ProxyOptions().setType(ProxyType.HTTP).setHost(HOST).setPort(PORT));
    }

    /**
     * The request target for {@code pod}: its path and query, or through a proxy the whole URL (the proxy must know
     * where to; the reverse proxy sets the target after Vert.x would have made it absolute).
     */
    static String requestTarget(URI pod) {
        return HOST.isBlank() ? pod.getRawPath() + (pod.getRawQuery() == null ? "" : "?" + pod.getRawQuery())
                : pod.toASCIIString();
    }
}
