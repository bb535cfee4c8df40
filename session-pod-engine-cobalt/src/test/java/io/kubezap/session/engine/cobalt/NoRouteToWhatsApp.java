package io.kubezap.session.engine.cobalt;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Points the JVM's HTTPS proxy (which Cobalt's WebSocket honours) at a closed loopback port for the
 * duration of each test, so WhatsApp is unreachable without touching the network; restores the
 * properties afterwards.
 */
final class NoRouteToWhatsApp implements BeforeEachCallback, AfterEachCallback {

    private static final List<String> PROXY_PROPERTIES = List.of("https.proxyHost", "https.proxyPort");

    private final Map<String, String> saved = new HashMap<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        PROXY_PROPERTIES.forEach(name -> saved.put(name, System.getProperty(name)));
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", String.valueOf(closedPort()));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException cannotBind) {
            throw new UncheckedIOException(cannotBind);
        }
    }
}
