package io.kubezap.session.engine.cobalt;

import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.engine.ContactProfile;
import io.kubezap.session.engine.ChatChange;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.LabelChange;
import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.engine.HistoryBlob;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.fetch.MediaFetcher;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.NumberOnWhatsApp;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.OutgoingContent;
import io.kubezap.session.engine.OutgoingMessage;
import io.kubezap.session.engine.SentMessage;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.engine.version.WebVersions;
import io.quarkus.runtime.ShutdownEvent;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;
import io.kubezap.session.host.scope.PerSession;
import jakarta.enterprise.inject.Typed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import io.kubezap.session.engine.SendFailedException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The production {@link WhatsAppEngine}: Cobalt 0.0.10 plus what it lacks (QR rotation, reconnect watchdog, failure
 * classification, explicit Web version, reliable key flush). A facade: the connection's life is the
 * {@link ConnectionLifecycle}'s, what arrives is the {@link InboundDispatch}'s, and each call goes to the part that
 * does it. Inert until {@link #start} is called.
 */
@PerSession // one engine per session a JVM hosts (issue 81)
@Typed(CobaltEngine.class)
public class CobaltEngine implements WhatsAppEngine {

    private final Supplier<EngineSettings> settingsSource;
    private final Supplier<WebVersions> versions;
    private final EngineTuning tuning;
    private final Clock clock;
    private final KeyStoreMirror mirror;
    private final MessageSender sender;
    private final SentMessages sentMessages = new SentMessages();
    private final PresenceSender presence = new PresenceSender();
    private final AppStatePatches appState = new AppStatePatches();
    private final MediaFetcher mediaFetcher = new MediaFetcher(Executors.newVirtualThreadPerTaskExecutor());
    private final ContactProfiles profiles = new ContactProfiles(Executors.newVirtualThreadPerTaskExecutor());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private volatile ConnectionLifecycle lifecycle;
    private KeyStoreDirectory keyStore;
    private volatile InboundDispatch inbound;
    private volatile HistoryReader history;

    @Inject
    public CobaltEngine(EngineSettings settings, Instance<WebVersions> versions, KeyStoreMirror mirror,
                        SessionConfig config) {
        this(() -> settings, versions::get, EngineTuning.DEFAULT
                        .withQrSchedule(new QrSchedule(config.qr().firstLifetime(), config.qr().nextLifetime()))
                        .withPairingCodeLifetime(config.pairingCode().lifetime())
                        .withLoginTimeout(config.login().timeout()),
                Clock.systemUTC(), mirror);
    }

    /** For embedding and tests (for example against a WhatsApp simulator) with shorter timings. */
    public CobaltEngine(Supplier<EngineSettings> settingsSource, Supplier<WebVersions> versions, EngineTuning tuning,
                        Clock clock) {
        this(settingsSource, versions, tuning, clock, KeyStoreMirror.NONE);
    }

    /** As above, with the key store copied to {@code mirror}. */
    public CobaltEngine(Supplier<EngineSettings> settingsSource, Supplier<WebVersions> versions, EngineTuning tuning,
                        Clock clock, KeyStoreMirror mirror) {
        this.settingsSource = settingsSource;
        this.versions = versions;
        this.tuning = tuning;
        this.clock = clock;
        this.mirror = mirror;
        this.sender = new MessageSender(clock, sentMessages, new CobaltGroups(this)::metadata);
    }

    @Override
    public void start(Consumer<EngineEvent> listener) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the WhatsApp engine is already started");
        }
        // the client learns each LID-number pairing before the pod does, so a reply that follows goes to the LID
        var events = new EngineEvents(new LidPairs(this::client).andThen(listener));
        lifecycle = new ConnectionLifecycle(settingsSource, versions.get(), tuning, clock, events, keyStore());
        history = new HistoryReader(lifecycle, events, clock, this::proxy);
        inbound = new InboundDispatch(lifecycle, events, clock, history, sentMessages);
        lifecycle.start(inbound);
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
        lifecycle.linkByCode(phoneDigits, result);
        return result;
    }

    @Override
    public CompletionStage<Void> sendPasskeyAssertion(String credentialId, String assertionJson) {
        requireStarted();
        return lifecycle.answerPasskey(credentialId, assertionJson);
    }

    @Override
    public void restart() {
        requireStarted();
        lifecycle.restart();
    }

    @Override
    public CompletionStage<Void> logout() {
        requireStarted();
        return lifecycle.logout();
    }

    @Override
    public CompletionStage<SentMessage> send(OutgoingMessage outgoing, String messageId) {
        var client = client();
        return sender.send(client, outgoing, messageId).thenApply(sent -> {
            lifecycle.keyStore().flushKeys(client.keys());
            if (outgoing instanceof OutgoingContent content && content.content() instanceof MessageContent.Event) {
                // the event's secret, kept with the store (EventSecrets): guests' answers after a SIGKILL need it
                lifecycle.keyStore().flushStore(client.keys(), client.store());
            }
            return sent;
        });
    }

    @Override
    public CompletionStage<Void> markRead(String chatJid, List<MessageRef> messages) {
        return sender.markRead(client(), chatJid, messages);
    }

    @Override
    public CompletionStage<Void> markPlayed(String chatJid, MessageRef message) {
        return sender.markPlayed(client(), chatJid, message);
    }

    @Override
    public CompletionStage<Map<String, NumberOnWhatsApp>> checkNumbers(List<String> phoneDigits) {
        return presence.checkNumbers(client(), phoneDigits);
    }

    @Override
    public CompletionStage<Optional<io.kubezap.session.engine.UsernameOwner>> resolveUsername(String username) {
        return presence.resolveUsername(client(), username);
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
    public CompletionStage<ContactProfile> profile(String jid) {
        return profiles.profile(client(), jid);
    }

    @Override
    public CompletionStage<Optional<ContactProfile.Picture>> picture(String jid) {
        return profiles.picture(client(), jid);
    }

    @Override
    public CompletionStage<Void> fetchPicture(String url, Path target) {
        return profiles.fetchPicture(url, target, proxy());
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
    public CompletionStage<String> requestHistory(MessageRef oldest, java.time.Instant oldestAt, int count) {
        return HistoryRequests.request(client(), oldest, oldestAt, count);
    }

    @Override
    public CompletionStage<Void> subscribePresence(String jid) {
        return presence.subscribe(client(), jid);
    }

    @Override
    public CompletionStage<Void> rejectCall(String callId, String callerJid) {
        return sender.rejectCall(client(), callId, callerJid);
    }

    @Override
    public CompletionStage<Void> setDisappearing(String chatJid, int seconds) {
        return sender.setDisappearing(client(), chatJid, seconds);
    }

    /** Cobalt's {@code changeNewChatsEphemeralTimer} sends the same IQ but knows only its enum's durations. */
    @Override
    public CompletionStage<Void> setDefaultDisappearing(int seconds) {
        var client = client();
        if (client == null || !client.isConnected()) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        return ServerIqs.query(client, ServerIqs.SERVER, "disappearing_mode", "set", Map.of(),
                        Node.of("disappearing_mode", Map.of("duration", seconds)))
                .handle((answer, failure) -> {
                    if (failure != null) {
                        var cause = failure instanceof java.util.concurrent.CompletionException wrapped ? wrapped.getCause() : failure;
                        throw new SendFailedException("WhatsApp refused the default timer: " + cause.getMessage(), false, cause);
                    }
                    return null;
                });
    }

    @Override
    public CompletionStage<Void> changeChat(String chatJid, ChatChange change) {
        return appState.push(client(), chatJid, change);
    }

    @Override
    public CompletionStage<Void> editLabel(LabelChange label) {
        return appState.push(client(), label);
    }

    @Override
    public CompletionStage<Optional<EngineEvent.HistorySynced>> readHistory(HistoryBlob blob) {
        requireStarted();
        return history.readKept(blob);
    }

    @Override
    public CompletionStage<Void> fetchMedia(MediaLocator locator, Path target) {
        return mediaFetcher.fetch(locator, target, proxy());
    }

    @Override
    public void restoreLostStore() {
        keyStore().restoreLost();
    }

    @Override
    public boolean isPaired() {
        var client = client();
        if (client != null) {
            return client.keys().registered();
        }
        return keyStore().isRegistered();
    }

    @Override
    public List<StoreRepair> takeStoreRepairs() {
        return keyStore().takeRepairs();
    }

    @Override
    public void shutdown() {
        if (started.get() && stopped.compareAndSet(false, true)) {
            lifecycle.shutdown();
        }
    }

    // a host's sessions' engines stop as their sessions are released; none is made to be stopped
    void onApplicationShutdown(@Observes(notifyObserver = Reception.IF_EXISTS) ShutdownEvent event) {
        shutdown();
    }

    /** One for the engine's life: a restore before the start is reported after it. */
    private synchronized KeyStoreDirectory keyStore() {
        if (keyStore == null) {
            keyStore = new KeyStoreDirectory(settingsSource.get().dataDir(), mirror);
        }
        return keyStore;
    }

    /** The current Cobalt client, or null before the first one is open. */
    Whatsapp client() {
        var running = lifecycle;
        return running == null ? null : running.client();
    }

    /** See {@link ConnectionLifecycle#renamed}. */
    void renamed(Whatsapp client, String pushName) {
        lifecycle.renamed(client, pushName);
    }

    /**
     * {@link #renamed} of this instance, for a continuation that may run on Cobalt's reading thread, which names no
     * session (through the {@code @PerSession} proxy, such a call would find none).
     */
    BiConsumer<Whatsapp, String> renamer() {
        return this::renamed;
    }

    /**
     * {@link #learnAddresses} of this instance, for an answer handled on a thread that names no session (through the
     * {@code @PerSession} proxy, such a call would find none).
     */
    Consumer<Node> addressLearner() {
        return this::learnAddresses;
    }

    /** See {@link InboundDispatch#learnAddresses}: for answers the adapter asked for itself (group metadata). */
    void learnAddresses(Node groupAnswerOrNotification) {
        var running = inbound;
        if (running != null) {
            running.learnAddresses(groupAnswerOrNotification);
        }
    }

    private void requireStarted() {
        if (!started.get()) {
            throw new IllegalStateException("the WhatsApp engine is not started");
        }
    }

    /** The HTTP proxy media transfers go through (the session's route), or null: the JVM's own routing. */
    private java.net.URI proxy() {
        return settingsSource.get().route().httpProxy().orElse(null);
    }
}
