package io.kubezap.session.proxy;

import io.kubezap.contract.ProxyKind;
import io.kubezap.contract.SessionState;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import io.kubezap.session.testing.TestProxy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The loopback relay: CONNECT in, a tunnel through the session's HTTP or SOCKS5 proxy out, and why one failed. */
class ProxyRelayTest {

    private static final EgressRule LOOPBACK_ALLOWED = new EgressRule(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1/32"));

    private static Vertx vertx;
    private static ServerSocket echo;

    @BeforeAll
    static void start() throws IOException {
        vertx = Vertx.vertx();
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket client = echo.accept();
                    Thread.ofVirtual().start(() -> {
                        try (client) {
                            client.getInputStream().transferTo(client.getOutputStream());
                        } catch (IOException gone) {
                            // the test is done with it
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    @AfterAll
    static void stop() throws IOException {
        echo.close();
        vertx.close();
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void tunnelsToWhatsAppThroughTheProxyWithItsCredentialsHandingOnTheName(TestProxy.Kind kind) throws IOException {
        try (var proxy = TestProxy.start(kind, "loja", "s3cret", TestProxy.to(echo.getLocalPort()));
             var relay = relay(kind, proxy.port(), "loja", "s3cret", LOOPBACK_ALLOWED)) {
            try (var tunnel = connect(relay, "web.whatsapp.com:443")) {
                assertThat(answer(tunnel.getInputStream())).startsWith("HTTP/1.1 200");
                tunnel.getOutputStream().write("ping".getBytes(StandardCharsets.US_ASCII));
                assertThat(new String(tunnel.getInputStream().readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("ping");
            }
            assertThat(proxy.tunnels()).containsExactly("web.whatsapp.com:443");
            assertThat(relay.lastFailure()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestProxy.Kind.class)
    void aWrongPasswordIsAFailureThatNamesTheCredentials(TestProxy.Kind kind) throws IOException {
        try (var proxy = TestProxy.start(kind, "loja", "s3cret", TestProxy.to(echo.getLocalPort()));
             var relay = relay(kind, proxy.port(), "loja", "wrong", LOOPBACK_ALLOWED)) {
            try (var tunnel = connect(relay, "mmg.whatsapp.net:443")) {
                assertThat(answer(tunnel.getInputStream())).startsWith("HTTP/1.1 502");
            }
            assertThat(proxy.refusedLogins()).isEqualTo(1);
            assertThat(proxy.tunnels()).isEmpty();
            assertThat(relay.lastFailure()).hasValueSatisfying(failure -> {
                assertThat(failure.reason()).isEqualTo(SessionState.LastError.PROXY_REFUSED);
                assertThat(failure.message()).contains(relay(kind, proxy.port()), "mmg.whatsapp.net:443", "credentials")
                        .doesNotContain("wrong");
            });
        }
    }

    @Test
    void aProxyOnAPrivateAddressNeedsTheAdminsAllowList() throws IOException {
        try (var proxy = TestProxy.start(TestProxy.Kind.SOCKS5, null, null, TestProxy.to(echo.getLocalPort()));
             var relay = relay(TestProxy.Kind.SOCKS5, proxy.port(), null, null, new EgressRule(AddressList.NONE))) {
            try (var tunnel = connect(relay, "web.whatsapp.com:443")) {
                assertThat(answer(tunnel.getInputStream())).startsWith("HTTP/1.1 502");
            }
            assertThat(proxy.tunnels()).isEmpty();
            assertThat(relay.lastFailure()).hasValueSatisfying(failure -> {
                assertThat(failure.reason()).isEqualTo(SessionState.LastError.PROXY_UNREACHABLE);
                assertThat(failure.message()).contains("may not be used", "media-url-allow-list");
            });
        }
    }

    @Test
    void aProxyThatDoesNotListenIsUnreachable() throws IOException {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        try (var relay = relay(TestProxy.Kind.HTTP, closed, null, null, LOOPBACK_ALLOWED)) {
            try (var tunnel = connect(relay, "web.whatsapp.com:443")) {
                assertThat(answer(tunnel.getInputStream())).startsWith("HTTP/1.1 502");
            }
            assertThat(relay.lastFailure()).map(io.kubezap.session.engine.WhatsAppRoute.Failure::reason).contains(SessionState.LastError.PROXY_UNREACHABLE);
        }
    }

    @Test
    void onlyWhatsAppsHostsAndTheVersionLookupsAreTunnelled() throws IOException {
        try (var proxy = TestProxy.start(TestProxy.Kind.HTTP, null, null, TestProxy.to(echo.getLocalPort()));
             var relay = relay(TestProxy.Kind.HTTP, proxy.port(), null, null, LOOPBACK_ALLOWED)) {
            try (var tunnel = connect(relay, "metadata.google.internal:80")) {
                assertThat(answer(tunnel.getInputStream())).startsWith("HTTP/1.1 403");
            }
            try (var tunnel = connect(relay, "versions.example.net:443")) {
                assertThat(answer(tunnel.getInputStream())).startsWith("HTTP/1.1 200");
            }
            assertThat(proxy.tunnels()).containsExactly("versions.example.net:443");
        }
    }

    private static ProxyRelay relay(TestProxy.Kind kind, int port, String username, String password, EgressRule egress) {
        var settings = new SessionProxy(kind == TestProxy.Kind.HTTP ? ProxyKind.HTTP : ProxyKind.SOCKS5, "127.0.0.1", port,
                Optional.ofNullable(username), Optional.ofNullable(password));
        return new ProxyRelay(vertx, settings, egress, Set.of("versions.example.net"));
    }

    private static String relay(TestProxy.Kind kind, int port) {
        return (kind == TestProxy.Kind.HTTP ? "http" : "socks5") + "://127.0.0.1:" + port;
    }

    private static Socket connect(ProxyRelay relay, String target) throws IOException {
        var local = relay.httpProxy().orElseThrow();
        var socket = new Socket(local.getHost(), local.getPort());
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return socket;
    }

    private static String answer(InputStream in) throws IOException {
        var head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.write(next);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
