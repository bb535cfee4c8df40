package io.kubezap.session.engine.cobalt;

import io.kubezap.contract.PairingMethod;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.engine.SendFailedException;
import io.kubezap.session.engine.version.LastWorkingVersion;
import io.kubezap.session.engine.version.WebVersionDiscovery;
import io.kubezap.session.engine.version.WebVersions;
import it.auties.whatsapp.api.ClientType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real Cobalt client with no route to WhatsApp.
 * The engine must keep retrying with backoff, report it, and never throw or hang.
 */
@ExtendWith(NoRouteToWhatsApp.class)
class CobaltEngineWithoutRouteTest {

    private static final EngineTuning FAST = new EngineTuning(Duration.ofMillis(100), Duration.ofMillis(800),
            Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofMillis(20), Duration.ofMillis(50), QrSchedule.WHATSAPP_WEB,
            Duration.ofSeconds(150), Duration.ofSeconds(15));

    @StoreDirectory
    Path dataDir;

    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private CobaltEngine engine;

    @BeforeEach
    void createEngine() {
        var settings = new EngineSettings("no-route", dataDir, PairingMethod.QR, Optional.empty());
        // web.whatsapp.com is as unreachable as the socket: the version is not learnt, the pinned one is announced
        var versions = new WebVersions(Optional.empty(),
                new WebVersionDiscovery(URI.create("https://web.whatsapp.com/sw.js"), Duration.ofSeconds(1)), LastWorkingVersion.NONE);
        engine = new CobaltEngine(() -> settings, () -> versions, FAST, Clock.systemUTC());
    }

    @AfterEach
    void stopEngine() {
        engine.shutdown();
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

        var result = engine.send(new OutgoingText("5511999999999@s.whatsapp.net", "hello", null, List.of()), io.kubezap.session.engine.MessageIds.next())
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

    @Test
    void logoutWipesCredentialsAndStartsPairingAnew() throws Exception {
        engine.start(events::add);
        await().atMost(Duration.ofSeconds(60)).until(() -> !disconnections().isEmpty());
        var deviceBefore = new KeyStoreDirectory(dataDir).currentSessionId();

        engine.logout().toCompletableFuture().get(30, TimeUnit.SECONDS);

        var loggedOut = new EngineEvent.LoggedOut("LoggedOut", "logged out on request");
        assertThat(events).contains(loggedOut);
        assertThat(new KeyStoreDirectory(dataDir).currentSessionId()).isNotEqualTo(deviceBefore);
        await().atMost(Duration.ofSeconds(60)).until(() -> eventsAfter(loggedOut).contains(new EngineEvent.Connecting(1)));
    }

    @Test
    void restartIsReportedAndRetried() {
        engine.start(events::add);
        await().atMost(Duration.ofSeconds(60)).until(() -> !disconnections().isEmpty());

        engine.restart();

        await().atMost(Duration.ofSeconds(60)).until(() -> disconnections().stream()
                .anyMatch(disconnected -> disconnected.reason().equals("Restart")));
    }

    @Test
    void shutdownWritesTheKeysToTheDataDirectory() {
        engine.start(events::add);
        await().atMost(Duration.ofSeconds(60)).until(() -> !disconnections().isEmpty());
        var keyStore = new KeyStoreDirectory(dataDir);
        var keysFile = keyStore.root().resolve("web").resolve(keyStore.currentSessionId().toString()).resolve("keys.proto");
        keysFile.toFile().delete();

        engine.shutdown();

        assertThat(keysFile).exists();
        assertThat(keyStore.serializer().deserializeKeys(ClientType.WEB, keyStore.currentSessionId()))
                .isPresent();
    }

    private List<EngineEvent> eventsAfter(EngineEvent marker) {
        var snapshot = List.copyOf(events);
        return snapshot.subList(snapshot.indexOf(marker) + 1, snapshot.size());
    }

    private List<EngineEvent.Disconnected> disconnections() {
        return events.stream().filter(EngineEvent.Disconnected.class::isInstance)
                .map(EngineEvent.Disconnected.class::cast).toList();
    }
}
