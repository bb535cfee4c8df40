package io.kubezap.session.engine.cobalt;

import io.kubezap.session.retry.Backoff;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.OutgoingMessage;
import io.kubezap.session.engine.SentMessage;
import io.kubezap.session.engine.WhatsAppEngine;
import io.quarkus.runtime.ShutdownEvent;
import it.auties.whatsapp.api.ClientType;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The production {@link io.kubezap.session.engine.WhatsAppEngine}: Cobalt 0.0.10 plus what it lacks
 * (QR rotation, reconnect watchdog, failure classification, explicit Web version, reliable key flush).
 * Inert until {@link #start} is called.
 *
 * <p>Lifecycle work runs on one engine thread, so pairing, logout and reconnect never interleave.
 */
@ApplicationScoped
public class CobaltEngine implements WhatsAppEngine, CobaltEventBridge.Sink {

    private static final Logger LOG = Logger.getLogger(CobaltEngine.class);
    private static final long SHUTDOWN_DISCONNECT_SECONDS = 3;
    private static final long LOGOUT_UNLINK_SECONDS = 10;

    private final Supplier<EngineSettings> settingsSource;
    private final EngineTuning tuning;
    private final Clock clock;
    private final FailureClassifier classifier = new FailureClassifier();
    private final MessageSender sender;
    private final PresenceSender presence = new PresenceSender();
    private final MediaFetcher mediaFetcher = new MediaFetcher(Executors.newVirtualThreadPerTaskExecutor());
    private final ContactProfiles profiles = new ContactProfiles(Executors.newVirtualThreadPerTaskExecutor());
    private final IncomingOrder incomingOrder = new IncomingOrder();
    private final LidMessages lidMessages = new LidMessages();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final AtomicInteger generation = new AtomicInteger();

    private volatile Consumer<EngineEvent> events = event -> { };
    private volatile ScheduledExecutorService engineThread;
    private volatile KeyStoreDirectory keyStore;
    private volatile CobaltConnection connection;
    private volatile ReconnectWatchdog watchdog;
    private volatile DevicePairing pairing;
    private CobaltEventBridge bridge;

    @Inject
    public CobaltEngine(Instance<EngineSettings> settings,
                        @ConfigProperty(name = "kubezap.qr.first-lifetime", defaultValue = "60s") Duration firstQrLifetime,
                        @ConfigProperty(name = "kubezap.qr.next-lifetime", defaultValue = "20s") Duration nextQrLifetime,
                        @ConfigProperty(name = "kubezap.pairing-code.lifetime", defaultValue = "150s") Duration pairingCodeLifetime) {
        this(settings::get, EngineTuning.DEFAULT.withQrSchedule(new QrSchedule(firstQrLifetime, nextQrLifetime))
                        .withPairingCodeLifetime(pairingCodeLifetime),
                Clock.systemUTC());
    }

    /** For embedding and tests (for example against a WhatsApp simulator) with shorter timings. */
    public CobaltEngine(Supplier<EngineSettings> settingsSource, EngineTuning tuning, Clock clock) {
        this.settingsSource = settingsSource;
        this.tuning = tuning;
        this.clock = clock;
        this.sender = new MessageSender(clock);
    }

    @Override
    public void start(Consumer<EngineEvent> listener) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the WhatsApp engine is already started");
        }
        var settings = settingsSource.get();
        var version = new WebVersion(settings.waVersion());
        events = listener;
        keyStore = new KeyStoreDirectory(settings.dataDir());
        TempDirCheck.warnIfOffDataDir(settings.dataDir());
        engineThread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("kubezap-engine").daemon().factory());
        connection = new CobaltConnection(version);
        watchdog = new ReconnectWatchdog(connection, Backoff.withJitter(tuning.backoffBase(), tuning.backoffCap()),
                tuning.connectTimeout(), tuning.selfHealGrace(), clock, this::emit);
        pairing = new DevicePairing(connection::client, tuning.qrSchedule(), tuning.pairingCodeLifetime(), engineThread,
                clock, this::emit, (reason, message) -> guarded("login renewal",
                        () -> watchdog.renew(reason, message, tuning.renewSettle(), false)));
        if (settings.pairingMethod() == EngineSettings.PairingMethod.PairingCode) {
            pairing.preferCode(settings.pairingPhone());
        }
        onEngineThread(() -> {
            openClient();
            watchdog.start();
        });
        var period = tuning.tickPeriod().toMillis();
        engineThread.scheduleWithFixedDelay(() -> guarded("watchdog tick", watchdog::tick), period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Links by code instead of QR. The code arrives as this stage's result (and as an event only when
     * {@code KUBEZAP_PAIRING_METHOD=PairingCode} made the engine ask by itself).
     */
    @Override
    public CompletionStage<EngineEvent.PairingCodeIssued> requestPairingCode(String phoneDigits) {
        requireStarted();
        if (phoneDigits == null || !phoneDigits.matches("\\d{6,15}")) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("phone number must be 6 to 15 digits"));
        }
        if (isPaired()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the session is already paired"));
        }
        var result = new CompletableFuture<EngineEvent.PairingCodeIssued>();
        onEngineThread(() -> pairing.linkByCode(phoneDigits, result,
                connection.isOpen() && !connection.client().keys().registered()));
        return result;
    }

    @Override
    public void restart() {
        requireStarted();
        onEngineThread(() -> watchdog.renew("Restart", "restart requested", tuning.renewSettle(), true));
    }

    @Override
    public CompletionStage<Void> logout() {
        requireStarted();
        var done = new CompletableFuture<Void>();
        onEngineThread(() -> {
            var current = generation.get();
            unlink(connection.client()).whenComplete((ignored, error) -> {
                if (error != null) {
                    LOG.warnf("Could not unlink the device from WhatsApp (%s); wiping local credentials anyway", error.toString());
                }
                onEngineThread(() -> {
                    loggedOut(current, "LoggedOut", "logged out on request");
                    done.complete(null);
                });
            });
        });
        return done;
    }

    @Override
    public CompletionStage<SentMessage> send(OutgoingMessage outgoing, String messageId) {
        var client = connection == null ? null : connection.client();
        return sender.send(client, outgoing, messageId).thenApply(sent -> {
            keyStore.flushKeys(client.keys());
            return sent;
        });
    }

    @Override
    public CompletionStage<Void> markRead(String chatJid, List<MessageRef> messages) {
        var client = connection == null ? null : connection.client();
        return sender.markRead(client, chatJid, messages);
    }

    @Override
    public CompletionStage<java.util.Map<String, io.kubezap.session.engine.NumberOnWhatsApp>> checkNumbers(List<String> phoneDigits) {
        return presence.checkNumbers(client(), phoneDigits);
    }

    @Override
    public CompletionStage<Void> block(String jid, boolean blocked) {
        return presence.block(client(), jid, blocked);
    }

    @Override
    public CompletionStage<List<String>> blockList() {
        return presence.blockList(client());
    }

    @Override
    public CompletionStage<io.kubezap.session.engine.ContactProfile> profile(String jid) {
        return profiles.profile(client(), jid);
    }

    @Override
    public CompletionStage<java.util.Optional<io.kubezap.session.engine.ContactProfile.Picture>> picture(String jid) {
        return profiles.picture(client(), jid);
    }

    @Override
    public CompletionStage<Void> fetchPicture(String url, java.nio.file.Path target) {
        return profiles.fetchPicture(url, target);
    }

    @Override
    public CompletionStage<Void> setPresence(boolean available) {
        return presence.set(client(), available);
    }

    @Override
    public CompletionStage<Void> sendChatState(String chatJid, EngineEvent.PresenceState state) {
        return presence.chatState(client(), chatJid, state);
    }

    @Override
    public CompletionStage<Void> subscribePresence(String jid) {
        return presence.subscribe(client(), jid);
    }

    Whatsapp client() {
        return connection == null ? null : connection.client();
    }

    @Override
    public CompletionStage<Void> rejectCall(String callId, String callerJid) {
        var client = connection == null ? null : connection.client();
        return sender.rejectCall(client, callId, callerJid);
    }

    @Override
    public CompletionStage<Void> fetchMedia(MediaLocator locator, java.nio.file.Path target) {
        return mediaFetcher.fetch(locator, target);
    }

    @Override
    public boolean isPaired() {
        var client = connection == null ? null : connection.client();
        if (client != null) {
            return client.keys().registered();
        }
        var store = keyStore != null ? keyStore : new KeyStoreDirectory(settingsSource.get().dataDir());
        return store.isRegistered();
    }

    @Override
    public void shutdown() {
        if (!started.get() || !stopped.compareAndSet(false, true)) {
            return;
        }
        watchdog.stop();
        engineThread.shutdownNow();
        awaitEngineThread();
        var client = connection.client();
        if (client == null) {
            return;
        }
        try {
            client.disconnect().get(SHUTDOWN_DISCONNECT_SECONDS, TimeUnit.SECONDS);
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

    private void awaitEngineThread() {
        try {
            if (!engineThread.awaitTermination(SHUTDOWN_DISCONNECT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("The engine thread did not stop in time; flushing keys anyway");
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    void onApplicationShutdown(@Observes ShutdownEvent event) {
        shutdown();
    }

    // ---- Cobalt callbacks (each on its own virtual thread) ----

    @Override
    public void onNode(int fromGeneration, Node node) {
        if (RetryReceipts.isRetry(node) && fromGeneration == generation.get()) {
            resend(node);
        }
        if (node.description().equals("message")) {
            onMessageNode(fromGeneration, node);
            return;
        }
        if (GroupAddresses.isGroupNotification(node) && fromGeneration == generation.get()) {
            learnAddresses(node);
        }
        if (!CobaltNodes.isOfInterest(node)) {
            return;
        }
        var view = CobaltNodes.view(node);
        PairingRefs.of(view).ifPresent(refs -> onEngineThread(() -> pair(fromGeneration, refs)));
        if (PairingCodeLinker.isPrimaryHello(node)) {
            onEngineThread(() -> answerPrimaryHello(fromGeneration, node));
        }
        classifier.classify(view).ifPresent(failure -> onEngineThread(() -> onFailure(fromGeneration, failure)));
        if (fromGeneration == generation.get()) {
            ReceiptNodes.of(view, clock.instant()).forEach(this::emit);
            CallNodes.learned(view).ifPresent(this::emit);
            CallNodes.of(view, clock.instant()).ifPresent(this::emit);
            PresenceNodes.of(view, clock.instant()).ifPresent(this::emit);
            GroupNodes.notification(view, clock.instant()).ifPresent(this::emit);
        }
    }

    private void resend(Node retryReceipt) {
        var client = connection == null ? null : connection.client();
        if (client == null) {
            return;
        }
        RetryReceipts.resend(client, retryReceipt).ifPresent(done -> done.whenComplete((ignored, error) -> {
            if (error != null) {
                LOG.warnf("Could not resend message %s: %s", retryReceipt.attributes().getString("id", "?"), error.toString());
            } else {
                keyStore.flushKeys(client.keys());
            }
        }));
    }

    /**
     * The lid↔phone pairs in group metadata, reported before whoever asked for it gets the answer (so that the
     * pairing is stored by then).
     */
    void learnAddresses(Node groupAnswerOrNotification) {
        GroupAddresses.of(CobaltNodes.view(groupAnswerOrNotification)).forEach(this::emit);
    }

    /**
     * What a message stanza says about addresses is reported before the message itself (same thread), so that the
     * message is stored knowing both forms; a one-to-one message from a LID is read here (Cobalt cannot).
     */
    private void onMessageNode(int fromGeneration, Node node) {
        if (fromGeneration != generation.get()) {
            return;
        }
        var view = CobaltNodes.view(node);
        MessageAddresses.of(view).forEach(this::emit);
        MessageAddresses.sender(view).ifPresent(sender -> VerifiedNames.of(node)
                .ifPresent(name -> emit(new EngineEvent.BusinessNameSeen(sender, name))));
        var client = client();
        if (client == null || !MessageAddresses.isDirectFromLid(view)) {
            return;
        }
        try {
            lidMessages.read(client, node).ifPresent(info -> onMessage(fromGeneration, client, info));
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException unreadable) {
            LOG.warnf(unreadable, "Could not read message %s from %s", view.attribute("id").orElse("?"), view.attribute("from").orElse("?"));
        }
    }

    @Override
    public void onLoggedIn(int fromGeneration, Whatsapp client) {
        onEngineThread(() -> {
            if (fromGeneration != generation.get()) {
                return;
            }
            pairing.stop();
            watchdog.markHealthy();
            keyStore.flush(client.keys(), client.store());
            emit(new EngineEvent.Connected(account(client)));
        });
    }

    @Override
    public void onPushName(int fromGeneration, Whatsapp client, String pushName) {
        onEngineThread(() -> {
            if (fromGeneration != generation.get() || !client.keys().registered()) {
                return;
            }
            keyStore.flush(client.keys(), client.store());
            var account = account(client);
            emit(new EngineEvent.AccountUpdated(new EngineEvent.Account(account.jid(), account.phoneNumber(), pushName)));
        });
    }

    @Override
    public void onContactSaved(int fromGeneration, String jid, String fullName, String firstName) {
        onEngineThread(() -> {
            if (fromGeneration == generation.get()) {
                emit(new EngineEvent.ContactSaved(jid, fullName, firstName));
            }
        });
    }

    @Override
    public void onMessage(int fromGeneration, Whatsapp client, MessageInfo<?> message) {
        if (fromGeneration == generation.get()) {
            var self = client.store().jid().orElse(null);
            IncomingUpdates.from(message, client.store(), clock.instant()).ifPresent(update -> {
                emit(update);
                keyStore.flushKeys(client.keys());
            });
            IncomingMessages.announced(message, self).ifPresent(info -> {
                synchronized (incomingOrder) {
                    var chat = client.store().findChatByJid(info.chatJid());
                    var inOrder = incomingOrder.next(info, chat, self);
                    LOG.debugf("Message %s called back (chat known: %s): announcing %d", info.id(), chat.isPresent(), inOrder.size());
                    inOrder.forEach(next -> emit(new EngineEvent.MessageReceived(IncomingMessages.from(next, clock.instant()))));
                }
                keyStore.flushKeys(client.keys());
            });
        }
    }

    @Override
    public void onDisconnected(int fromGeneration) {
        onEngineThread(watchdog::tick);
    }

    // ---- lifecycle, on the engine thread ----

    private void openClient() {
        keyStore.purgeStale();
        var serializer = keyStore.serializer();
        var id = keyStore.currentSessionId();
        var session = serializer.deserializeStoreKeysPair(id, null, null, ClientType.WEB)
                .orElseGet(() -> serializer.newStoreKeysPair(id, null, null, ClientType.WEB));
        // Cobalt marks the account online at each login unless told not to; online, the phone stops notifying
        session.store().setAutomaticPresenceUpdates(settingsSource.get().markOnlineOnConnect());
        var client = CobaltClients.create(session.store(), session.keys());
        bridge = new CobaltEventBridge(generation.incrementAndGet(), this);
        client.addListener(bridge);
        connection.use(client);
    }

    private void pair(int fromGeneration, List<String> refs) {
        if (fromGeneration == generation.get()) {
            watchdog.markHealthy();
            pairing.onPairDevice(refs);
        }
    }

    private void answerPrimaryHello(int fromGeneration, Node notification) {
        if (fromGeneration == generation.get()) {
            pairing.onPrimaryHello(notification);
        }
    }

    private void onFailure(int fromGeneration, ConnectionFailure failure) {
        if (fromGeneration != generation.get()) {
            return;
        }
        LOG.infof("WhatsApp ended the connection: %s", failure);
        switch (failure.kind()) {
            case LOGGED_OUT -> loggedOut(fromGeneration, failure.reason(), failure.message());
            case BANNED -> banned(failure);
            case RESTART, TRANSIENT -> watchdog.noteFailure(failure);
        }
    }

    private void loggedOut(int fromGeneration, String reason, String message) {
        if (fromGeneration != generation.get()) {
            return;
        }
        watchdog.halt();
        pairing.stop();
        connection.close();
        if (connection.client() != null) {
            connection.client().removeListener(bridge);
        }
        try {
            keyStore.wipe();
        } catch (RuntimeException cannotWipe) {
            LOG.errorf(cannotWipe, "Could not wipe the WhatsApp key store after logout");
        }
        emit(new EngineEvent.LoggedOut(reason, message));
        openClient();
        watchdog.start();
        // Cobalt writes the logged-out device's files once more as its socket closes, which can come after the wipe
        // and after openClient's purge: purge again once that has happened
        for (long seconds : new long[]{1, 5}) {
            engineThread.schedule(() -> guarded("purge after logout", keyStore::purgeStale), seconds, TimeUnit.SECONDS);
        }
    }

    private void banned(ConnectionFailure failure) {
        watchdog.halt();
        pairing.stop();
        connection.close();
        emit(new EngineEvent.Banned(failure.reason(), failure.message()));
    }

    private static CompletableFuture<Void> unlink(Whatsapp client) {
        if (client == null || !client.isConnected() || !client.keys().registered()) {
            return CompletableFuture.completedFuture(null);
        }
        return client.logout().orTimeout(LOGOUT_UNLINK_SECONDS, TimeUnit.SECONDS);
    }

    private static EngineEvent.Account account(Whatsapp client) {
        var jid = client.store().jid().map(Jid::toSimpleJid).orElse(null);
        return new EngineEvent.Account(jid == null ? null : jid.toString(), jid == null ? null : jid.user(),
                pushName(client.store()));
    }

    /** Cobalt answers the platform name ("Web") until app-state sync has brought the account's push name. */
    private static String pushName(Store store) {
        var name = store.name();
        return name == null || name.equals(store.device().platform().platformName()) ? null : name;
    }

    private void emit(EngineEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException listenerFailure) {
            LOG.warnf(listenerFailure, "The engine event listener failed on %s", event);
        }
    }

    private void onEngineThread(Runnable task) {
        var thread = engineThread;
        if (thread == null || thread.isShutdown()) {
            return;
        }
        try {
            thread.execute(() -> guarded("engine task", task));
        } catch (RejectedExecutionException shuttingDown) {
            LOG.debug("Engine task dropped during shutdown");
        }
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException unexpected) {
            LOG.errorf(unexpected, "WhatsApp %s failed", what);
        }
    }

    private void requireStarted() {
        if (!started.get()) {
            throw new IllegalStateException("the WhatsApp engine is not started");
        }
    }
}
