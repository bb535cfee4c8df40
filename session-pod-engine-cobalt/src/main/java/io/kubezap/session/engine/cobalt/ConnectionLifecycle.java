package io.kubezap.session.engine.cobalt;

import io.kubezap.contract.Account;
import io.kubezap.contract.PairingMethod;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.contract.HistoryDepth;
import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.engine.KeyStoreTakenOver;
import it.auties.whatsapp.api.WebHistorySetting;
import io.kubezap.session.engine.version.WebVersions;
import io.kubezap.session.retry.Backoff;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;
import io.kubezap.session.host.scope.SessionKeys;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The connection's life: the Cobalt client of each generation, pairing, login, logout, ban, reconnect and the key
 * flush at shutdown. Everything that changes it runs on the {@link EngineThread}; callbacks of a replaced client
 * (after a logout) carry an older generation and are ignored.
 */
final class ConnectionLifecycle {

    private static final Logger LOG = Logger.getLogger(ConnectionLifecycle.class);
    private static final Duration SHUTDOWN_DISCONNECT = Duration.ofSeconds(3);
    /** How long a stop waits for the key store's copy in PostgreSQL to catch up. */
    private static final Duration SHUTDOWN_COPY = Duration.ofSeconds(5);
    private static final long LOGOUT_UNLINK_SECONDS = 10;
    /** Cobalt writes the logged-out device's files once more as its socket closes: purged again after these delays. */
    private static final List<Duration> PURGES_AFTER_LOGOUT = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5));

    private final Supplier<EngineSettings> settingsSource;
    private final EngineTuning tuning;
    private final EngineEvents events;
    private final KeyStoreDirectory keyStore;
    private final EngineThread engineThread = new EngineThread();
    private final CobaltConnection connection;
    private final ReconnectWatchdog watchdog;
    private final DevicePairing pairing;
    private final AtomicInteger generation = new AtomicInteger();
    private volatile CobaltEventBridge.Sink sink;
    private volatile CobaltEventBridge bridge;

    ConnectionLifecycle(Supplier<EngineSettings> settingsSource, WebVersions versions, EngineTuning tuning, Clock clock,
                        EngineEvents events, KeyStoreDirectory keyStore) {
        var settings = settingsSource.get();
        this.settingsSource = settingsSource;
        this.tuning = tuning;
        this.events = events;
        // Cobalt's threads name no session: what the connection starts on one of its own serves this engine's
        this.connection = new CobaltConnection(versions, settings.route(),
                work -> () -> SessionKeys.run(settings.sessionName(), work));
        this.keyStore = keyStore;
        this.watchdog = new ReconnectWatchdog(connection, Backoff.withJitter(tuning.backoffBase(), tuning.backoffCap()),
                tuning.connectTimeout(), tuning.selfHealGrace(), tuning.loginTimeout(), clock, events);
        watchdog.checkBeforeOpening(keyStore::checkHeld);
        keyStore.whenTakenOver(this::takenOver);
        this.pairing = new DevicePairing(connection::client, tuning.qrSchedule(), tuning.pairingCodeLifetime(),
                engineThread.executor(), clock, events, (reason, message) -> EngineThread.guarded("login renewal",
                        () -> watchdog.renew(reason, message, tuning.renewSettle(), false)));
        if (settings.pairingMethod() == PairingMethod.PairingCode) {
            pairing.preferCode(settings.pairingPhone());
        }
    }

    /** How much of the phone's history the session asks for. */
    HistoryDepth historyDepth() {
        return settingsSource.get().history();
    }

    /** Opens the first client, whose callbacks go to {@code sink}, and starts the watchdog. */
    void start(CobaltEventBridge.Sink sink) {
        this.sink = sink;
        engineThread.execute(() -> {
            openClient();
            watchdog.start();
        });
        engineThread.every("watchdog tick", watchdog::tick, tuning.tickPeriod());
    }

    Whatsapp client() {
        return connection.client();
    }

    KeyStoreDirectory keyStore() {
        return keyStore;
    }

    boolean isCurrent(int fromGeneration) {
        return fromGeneration == generation.get();
    }

    /** Runs {@code task} on the engine thread if the callback that asks for it still belongs to the current client. */
    void whileCurrent(int fromGeneration, Runnable task) {
        engineThread.execute(() -> {
            if (isCurrent(fromGeneration)) {
                task.run();
            }
        });
    }

    void linkByCode(String phoneDigits, CompletableFuture<EngineEvent.PairingCodeIssued> result) {
        engineThread.execute(() -> pairing.linkByCode(phoneDigits, result,
                connection.isOpen() && !connection.client().keys().registered()));
    }

    void restart() {
        engineThread.execute(() -> watchdog.renew("Restart", "restart requested", tuning.renewSettle(), true));
    }

    CompletionStage<Void> logout() {
        var done = new CompletableFuture<Void>();
        engineThread.execute(() -> {
            var current = generation.get();
            unlink(connection.client()).whenComplete((ignored, error) -> {
                if (error != null) {
                    LOG.warnf("Could not unlink the device from WhatsApp (%s); wiping local credentials anyway", error.toString());
                }
                engineThread.execute(() -> {
                    loggedOut(current, "LoggedOut", "logged out on request");
                    done.complete(null);
                });
            });
        });
        return done;
    }

    // ---- what Cobalt's callbacks mean for the connection ----

    void onPairDevice(int fromGeneration, List<String> refs) {
        whileCurrent(fromGeneration, () -> {
            watchdog.markHealthy();
            pairing.onPairDevice(refs);
        });
    }

    void onPrimaryHello(int fromGeneration, Node notification) {
        whileCurrent(fromGeneration, () -> pairing.onPrimaryHello(notification));
    }

    void onPasskeyRequest(int fromGeneration, Node notification) {
        whileCurrent(fromGeneration, () -> pairing.onPasskeyRequest(notification));
    }

    /** Answers WhatsApp's passkey request on the current socket (see {@link PasskeyPrologue}). */
    CompletableFuture<Void> answerPasskey(String credentialId, String assertionJson) {
        var answered = new CompletableFuture<Void>();
        engineThread.execute(() -> pairing.answerPasskey(credentialId, assertionJson).whenComplete((ignored, error) -> {
            if (error != null) {
                answered.completeExceptionally(error);
            } else {
                answered.complete(null);
            }
        }));
        return answered;
    }

    void onFailure(int fromGeneration, ConnectionFailure failure) {
        whileCurrent(fromGeneration, () -> {
            LOG.infof("WhatsApp ended the connection: %s", failure);
            switch (failure.kind()) {
                case LOGGED_OUT -> loggedOut(fromGeneration, failure.reason(), failure.message());
                case BANNED -> banned(failure);
                case OUTDATED -> outdated(failure);
                case RESTART, TRANSIENT -> watchdog.noteFailure(failure);
            }
        });
    }

    void onLoggedIn(int fromGeneration, Whatsapp client) {
        whileCurrent(fromGeneration, () -> {
            pairing.stop();
            watchdog.markHealthy();
            connection.loggedIn();
            keyStore.flush(client.keys(), client.store());
            events.accept(new EngineEvent.Connected(CobaltAccounts.of(client)));
            AccountRestrictionNodes.ask(client, events);
        });
    }

    void onPushName(int fromGeneration, Whatsapp client, String pushName) {
        whileCurrent(fromGeneration, () -> {
            if (!client.keys().registered()) {
                return;
            }
            keyStore.flush(client.keys(), client.store());
            events.accept(new EngineEvent.AccountUpdated(CobaltAccounts.withPushName(client, pushName)));
        });
    }

    /** The session renamed the account: reported at once, whether or not WhatsApp sends the name back by app-state sync. */
    void renamed(Whatsapp client, String pushName) {
        onPushName(generation.get(), client, pushName);
    }

    void onDisconnected() {
        engineThread.execute(watchdog::tick);
    }

    /** Stops reconnecting, closes the socket and writes keys and store a last time, and then their copy. */
    void shutdown() {
        watchdog.stop();
        engineThread.stop(SHUTDOWN_DISCONNECT);
        var client = connection.client();
        if (client != null) {
            disconnectAndFlush(client);
        }
        keyStore.flushCopy(SHUTDOWN_COPY);
    }

    private void disconnectAndFlush(Whatsapp client) {
        try {
            client.disconnect().get(SHUTDOWN_DISCONNECT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception slowOrFailed) {
            LOG.debugf("Disconnect at shutdown did not finish cleanly: %s", slowOrFailed.toString());
        }
        try {
            keyStore.flush(client.keys(), client.store());
            LOG.info("WhatsApp keys and store written to the data directory");
        } catch (RuntimeException cannotWrite) {
            LOG.errorf(cannotWrite, "Could not write WhatsApp keys and store at shutdown");
        }
    }

    // ---- on the engine thread ----

    private void openClient() {
        keyStore.purgeStale();
        var serializer = keyStore.serializer();
        var id = keyStore.currentSessionId();
        var session = serializer.deserializeStoreKeysPair(id, null, null, ClientType.WEB)
                .orElseGet(() -> serializer.newStoreKeysPair(id, null, null, ClientType.WEB));
        // Cobalt marks the account online at each login unless told not to; online, the phone stops notifying
        session.store().setAutomaticPresenceUpdates(settingsSource.get().markOnlineOnConnect());
        // the socket and Cobalt's media transfers go the session's route; the store keeps it for the clients made anew
        session.store().setProxy(settingsSource.get().route().httpProxy().orElse(null));
        // what the device asks the phone for when it is linked (its companion properties)
        session.store().setWebHistorySetting(switch (historyDepth()) {
            case None -> WebHistorySetting.discard(false);
            case Recent -> WebHistorySetting.standard(false);
            case Full -> WebHistorySetting.extended(false);
        });
        var client = CobaltClients.create(session.store(), session.keys());
        var clientGeneration = generation.incrementAndGet();
        MessageAcknowledgements.holdUntil(client, acknowledgement -> sink.beforeAcknowledging(clientGeneration, client, acknowledgement),
                this::checkLeaseBeforeLogin, () -> keyStore.flushStore(client.keys(), client.store()));
        bridge = new CobaltEventBridge(clientGeneration, sink, settingsSource.get().sessionName());
        client.addListener(bridge);
        connection.use(client);
    }

    /**
     * Before each handshake frame, Cobalt's own reconnects included ({@link LoginGate}); runs on Cobalt's threads. A
     * login that may go ahead starts the watchdog's login deadline.
     */
    private void checkLeaseBeforeLogin() {
        try {
            keyStore.checkHeld();
        } catch (KeyStoreTakenOver fenced) {
            takenOver(fenced);
            throw fenced;
        }
        watchdog.loginStarted();
    }

    private void takenOver(KeyStoreTakenOver fenced) {
        engineThread.execute(() -> watchdog.takenOver(fenced));
    }

    private void loggedOut(int fromGeneration, String reason, String message) {
        if (!isCurrent(fromGeneration)) {
            return;
        }
        watchdog.halt();
        pairing.stop();
        connection.close();
        if (connection.client() != null) {
            connection.client().removeListener(bridge);
        }
        wipeKeyStore();
        events.accept(new EngineEvent.LoggedOut(reason, message));
        openClient();
        watchdog.start();
        // the logged-out device's last write can come after the wipe and after openClient's purge
        PURGES_AFTER_LOGOUT.forEach(delay -> engineThread.schedule("purge after logout", keyStore::purgeStale, delay));
    }

    private void wipeKeyStore() {
        try {
            keyStore.wipe();
        } catch (RuntimeException cannotWipe) {
            LOG.errorf(cannotWipe, "Could not wipe the WhatsApp key store after logout");
        }
    }

    /** The link stands: the next attempt (after the backoff) announces the version WhatsApp Web announces now. */
    private void outdated(ConnectionFailure failure) {
        var refused = connection.announcedVersion();
        connection.refusedAsOutdated();
        watchdog.refused(new ConnectionFailure(failure.kind(), failure.reason(),
                WebVersions.refusal(refused, failure.message())));
    }

    private void banned(ConnectionFailure failure) {
        watchdog.halt();
        pairing.stop();
        connection.close();
        keyStore.forgetCopy();
        events.accept(new EngineEvent.Banned(failure.reason(), failure.message()));
    }

    private static CompletableFuture<Void> unlink(Whatsapp client) {
        if (client == null || !client.isConnected() || !client.keys().registered()) {
            return CompletableFuture.completedFuture(null);
        }
        return client.logout().orTimeout(LOGOUT_UNLINK_SECONDS, TimeUnit.SECONDS);
    }
}
