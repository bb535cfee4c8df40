package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DevicePairingTest {

    private static final Duration CODE_LIFETIME = Duration.ofMillis(300);
    private static final List<String> REFS = List.of("2@ref-one", "2@ref-two");

    @StoreDirectory
    Path dir;

    private final ScheduledExecutorService engineThread = Executors.newSingleThreadScheduledExecutor();
    private final List<EngineEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> renewals = new CopyOnWriteArrayList<>();
    private ServerStubClient client;
    private DevicePairing pairing;

    @BeforeEach
    void createPairing() {
        var session = ControllerSerializer.toProtobuf(dir).newStoreKeysPair(UUID.randomUUID(), null, null, ClientType.WEB);
        client = new ServerStubClient(session, "2@pairing-ref".getBytes());
        pairing = new DevicePairing(() -> client, QrSchedule.WHATSAPP_WEB, CODE_LIFETIME, engineThread, Clock.systemUTC(),
                events::add, (reason, message) -> renewals.add(reason));
    }

    @AfterEach
    void stopEngineThread() {
        engineThread.shutdownNow();
    }

    @Test
    void withoutAPhoneTheServersRefsBecomeQrCodes() {
        onEngineThread(() -> pairing.onPairDevice(REFS));

        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events.getFirst()).isInstanceOfSatisfying(EngineEvent.QrIssued.class,
                qr -> assertThat(qr.payload()).startsWith("2@ref-one,"));
        assertThat(client.sent()).isEmpty();
    }

    @Test
    void configuredPairingCodeIsRequestedInsteadOfAQrAndExpires() {
        onEngineThread(() -> pairing.preferCode(Optional.of("5511999999999")));

        onEngineThread(() -> pairing.onPairDevice(REFS));

        await().atMost(Duration.ofSeconds(30)).until(() -> !events.isEmpty());
        assertThat(events).singleElement().isInstanceOfSatisfying(EngineEvent.PairingCodeIssued.class,
                issued -> assertThat(issued.code()).matches("[1-9A-HJ-NP-TV-Z]{4}-[1-9A-HJ-NP-TV-Z]{4}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> renewals.contains("PairingCodeExpired"));
    }

    @Test
    void requestedCodeAnswersTheCallerOnlyAndQrComesBackAfterwards() throws Exception {
        var waiter = new CompletableFuture<EngineEvent.PairingCodeIssued>();

        onEngineThread(() -> pairing.linkByCode("5511999999999", waiter, true));

        var issued = waiter.get(30, TimeUnit.SECONDS);
        assertThat(client.registration(0).attributes().getString("jid")).isEqualTo("5511999999999@s.whatsapp.net");
        assertThat(issued.code()).hasSize(9);
        assertThat(events).isEmpty();
        onEngineThread(() -> pairing.onPairDevice(REFS));
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty());
        assertThat(events.getFirst()).isInstanceOf(EngineEvent.QrIssued.class);
    }

    @Test
    void aNewLoginSocketCancelsTheExpiryOfTheCodeItsPredecessorAskedFor() throws Exception {
        issueCode();

        onEngineThread(() -> pairing.onPairDevice(REFS));

        afterTheCodeWouldHaveExpired();
        assertThat(renewals).isEmpty();
    }

    @Test
    void aTypedCodeNoLongerExpiresWhileLinkingFinishes() throws Exception {
        issueCode();

        onEngineThread(() -> pairing.onPrimaryHello(Node.of("notification", Map.of("type", "link_code_companion_reg"))));

        afterTheCodeWouldHaveExpired();
        assertThat(renewals).isEmpty();
    }

    private void issueCode() throws Exception {
        var waiter = new CompletableFuture<EngineEvent.PairingCodeIssued>();
        onEngineThread(() -> pairing.linkByCode("5511999999999", waiter, true));
        waiter.get(30, TimeUnit.SECONDS);
    }

    /** The engine thread runs scheduled tasks in the order they are due: an expiry due earlier would have run. */
    private void afterTheCodeWouldHaveExpired() throws Exception {
        engineThread.schedule(() -> { }, CODE_LIFETIME.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS).get(10, TimeUnit.SECONDS);
    }

    private void onEngineThread(Runnable task) {
        try {
            engineThread.submit(task).get(10, TimeUnit.SECONDS);
        } catch (Exception failed) {
            throw new AssertionError(failed);
        }
    }
}
