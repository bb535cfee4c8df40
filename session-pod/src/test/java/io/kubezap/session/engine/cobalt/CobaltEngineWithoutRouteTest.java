package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.engine.SendFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Cobalt client with no route to WhatsApp: the HTTPS proxy points at a closed loopback port.
 * The engine must keep retrying with backoff, report it, and never throw or hang.
 */
class CobaltEngineWithoutRouteTest {

    private static final List<String> PROXY_PROPERTIES = List.of("https.proxyHost", "https.proxyPort");
    private static final EngineTuning FAST = new EngineTuning(Duration.ofMillis(100), Duration.ofMillis(800),
            Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofMillis(50), QrSchedule.WHATSAPP_WEB,
            Duration.ofSeconds(150));

    @TempDir
    Path dataDir;

    private final java.util.Map<String, String> savedProperties = new java.util.HashMap<>();
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private CobaltEngine engine;

    @BeforeEach
    void routeHttpsToAClosedPort() throws IOException {
        PROXY_PROPERTIES.forEach(name -> savedProperties.put(name, System.getProperty(name)));
        System.setProperty("https.proxyHost", "127.0.0.1");
        System.setProperty("https.proxyPort", String.valueOf(closedPort()));
        var settings = new EngineSettings("no-route", dataDir, EngineSettings.PairingMethod.QR, Optional.empty(),
                "2.3000.1022032575");
        engine = new CobaltEngine(() -> settings, FAST, Clock.systemUTC());
    }

    @AfterEach
    void restoreProperties() {
        engine.shutdown();
        savedProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    @Test
    void keepsRetryingWithBackoffAndReportsEachAttempt() {
        engine.start(events::add);

        await().atMost(Duration.ofSeconds(60)).until(() -> disconnections().size() >= 5);

        assertThat(events.getFirst()).isEqualTo(new EngineEvent.Connecting(1));
        assertThat(disconnections()).allSatisfy(disconnected -> {
            assertThat(disconnected.reason()).isEqualTo("NetworkError");
            assertThat(disconnected.message()).isNotBlank();
        });
        var attempts = events.stream().filter(EngineEvent.Connecting.class::isInstance)
                .map(event -> ((EngineEvent.Connecting) event).attempt()).toList();
        assertThat(attempts).startsWith(1, 2, 3, 4, 5);
        assertThat(engine.isPaired()).isFalse();
    }

    @Test
    void sendWhileUnreachableFailsAsRetryable() {
        engine.start(events::add);
        await().atMost(Duration.ofSeconds(60)).until(() -> !disconnections().isEmpty());

        var result = engine.sendText(new OutgoingText("5511999999999@s.whatsapp.net", "hello", null, List.of()))
                .toCompletableFuture();

        assertThat(result).isCompletedExceptionally();
        assertThat(result.exceptionNow()).isInstanceOfSatisfying(SendFailedException.class,
                failure -> assertThat(failure.retryable()).isTrue());
    }

    @Test
    void pairingCodeForAMalformedPhoneIsRefused() {
        engine.start(events::add);

        var result = engine.requestPairingCode("55-11").toCompletableFuture();

        assertThat(result.exceptionNow()).isInstanceOf(IllegalArgumentException.class);
    }

    private List<EngineEvent.Disconnected> disconnections() {
        return events.stream().filter(EngineEvent.Disconnected.class::isInstance)
                .map(EngineEvent.Disconnected.class::cast).toList();
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
