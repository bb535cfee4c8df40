package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.config.SessionConfig;
import io.kubezap.session.engine.ChatChange;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.session.engine.ContactProfile;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.engine.HistoryBlob;
import io.kubezap.session.engine.LabelChange;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MediaUnavailableException;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.fetch.MediaFetcher;
import io.kubezap.session.engine.NumberOnWhatsApp;
import io.kubezap.session.engine.OutgoingMedia;
import io.kubezap.session.engine.OutgoingMessage;
import io.kubezap.session.engine.GroupPostRefusal;
import io.kubezap.session.engine.PrivacyTokenRefusal;
import io.kubezap.session.engine.SendFailedException;
import io.kubezap.session.engine.SentMessage;
import io.kubezap.session.engine.StatusPost;
import io.kubezap.session.engine.UnsupportedByEngine;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.engine.version.WebVersions;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The {@link WhatsAppEngine} on Baileys: a Node.js bridge ({@code src/main/baileys-bridge}, PROTOCOL.md) run as a child
 * process does the WhatsApp work; the pod keeps Baileys' auth state ({@link BaileysAuthStore}) and turns what the bridge
 * reports into engine events. A received message is acknowledged to WhatsApp only once it is stored (the bridge holds
 * the acknowledgement until this engine's {@code stored}). A poll vote to send would fail with {@link UnsupportedByEngine}
 * (the API's 501).
 */
@ApplicationScoped
@Typed(BaileysEngine.class)
public class BaileysEngine implements WhatsAppEngine {

    static final String NAME = "Baileys";
    private static final String CHANNEL_SERVER = "@newsletter";
    private static final Logger LOG = Logger.getLogger(BaileysEngine.class);

    private final Instance<EngineSettings> settings;
    private final Instance<WebVersions> versions;
    private final String node;
    private final Path bridgeDirectory;
    private final java.time.Duration firstQrLifetime;
    private final java.time.Duration nextQrLifetime;
    private final java.time.Duration loginTimeout;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final MediaFetcher mediaFetcher = new MediaFetcher(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final java.util.concurrent.ExecutorService eventThread =
            java.util.concurrent.Executors.newSingleThreadExecutor(Thread.ofVirtual().name("baileys-events").factory());

    private volatile String announcedVersion;
    private volatile BaileysAuthStore auth;
    private volatile BridgeProcess bridge;

    @Inject
    public BaileysEngine(Instance<EngineSettings> settings, Instance<WebVersions> versions, SessionConfig config) {
        this.settings = settings;
        this.firstQrLifetime = config.qr().firstLifetime();
        this.nextQrLifetime = config.qr().nextLifetime();
        this.loginTimeout = config.login().timeout();
        this.versions = versions;
        this.node = config.baileysNode();
        this.bridgeDirectory = Path.of(config.baileysBridge());
    }

    @Override
    public void start(Consumer<EngineEvent> listener) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the WhatsApp engine is already started");
        }
        EngineSettings session = settings.get();
        var events = new BridgeEvents(clock, session.route());
        announcedVersion = versions.get().forLogin().version();
        try {
            var launch = BridgeLaunch.of(node, bridgeDirectory, session.dataDir().resolve("baileys"), session.route());
            bridge = BridgeProcess.start(launch, json, line -> received(line, events, listener), this::exited);
        } catch (IOException cannotStart) {
            throw new UncheckedIOException("cannot start the Baileys bridge (" + node + " in " + bridgeDirectory + ")", cannotStart);
        }
        var start = bridge.fields().put("version", announcedVersion).put("markOnline", session.markOnlineOnConnect())
                .put("history", session.history().name()).put("historyMaxInflatedBytes", HistoryBlob.MAX_INFLATED_BYTES)
                .put("qrFirstLifetimeMs", firstQrLifetime.toMillis()).put("qrNextLifetimeMs", nextQrLifetime.toMillis())
                .put("loginTimeoutMs", loginTimeout.toMillis());
        start.set("auth", authStore().load());
        bridge.call("start", start).whenComplete((ok, failed) -> {
            if (failed != null) {
                LOG.errorf("The Baileys bridge did not start: %s", failed.getMessage());
            }
        });
        if (!isPaired() && session.pairingPhone().isPresent()
                && session.pairingMethod() == io.kubezap.contract.PairingMethod.PairingCode) {
            requestPairingCode(session.pairingPhone().get()).thenAccept(listener);
        }
    }

    /**
     * One bridge line, on the reading thread: the auth state is written before anything after it is read, and so is a
     * LID↔number pairing, so that the answer it came with (a group just created names its members' LIDs) finds it;
     * every other event is handled in the bridge's order on the events thread, so that a listener may wait for a
     * bridge answer (auto-rejecting a call, say) while the reading thread goes on.
     */
    private void received(JsonNode line, BridgeEvents events, Consumer<EngineEvent> listener) {
        switch (line.path("event").asText()) {
            case "auth" -> authStore().credentials(line.get("creds"), line.path("reset").asBoolean());
            case "keys" -> authStore().keys(line.get("set"));
            case "address" -> announce(line, events, listener);
            default -> eventThread.execute(() -> {
                try {
                    handle(line, events, listener);
                } catch (RuntimeException unhandled) {
                    LOG.warnf(unhandled, "Could not handle the Baileys bridge's %s", line.path("event").asText());
                }
            });
        }
    }

    private void handle(JsonNode line, BridgeEvents events, Consumer<EngineEvent> listener) {
        switch (line.path("event").asText()) {
            case "open" -> {
                versions.get().worked(announcedVersion);
                announce(line, events, listener);
            }
            case "closed" -> {
                announce(line, events, listener);
                if (line.path("outdated").asBoolean()) {
                    retryWithCurrentVersion(line.path("retryInMs").asLong());
                }
            }
            case "message", "update", "history", "historyDeferred", "disappearing" -> {
                // stored first, then the keys that decrypted it, then WhatsApp told (PROTOCOL.md, "Acknowledgements")
                boolean stored = announce(line, events, listener);
                if (line.hasNonNull("keys")) {
                    authStore().keys(line.get("keys"));
                }
                if (stored) {
                    running().call("stored", bridge.fields().put("messageId", line.path("id").asText()));
                }
            }
            default -> announce(line, events, listener);
        }
    }

    /** Hands the line's event to the session; true once it is handled (a message: stored, or kept for the database). */
    private static boolean announce(JsonNode line, BridgeEvents events, Consumer<EngineEvent> listener) {
        var event = events.toEngineEvent(line);
        try {
            event.ifPresent(listener);
            return true;
        } catch (RuntimeException listenerFailure) {
            LOG.warnf(listenerFailure, "The engine event listener failed on %s", event.get());
            return false;
        }
    }

    /** WhatsApp refused the announced version as outdated: learn the current one and log in again with it. */
    private void retryWithCurrentVersion(long afterMillis) {
        CompletableFuture.delayedExecutor(afterMillis, java.util.concurrent.TimeUnit.MILLISECONDS).execute(() -> {
            versions.get().refused(announcedVersion);
            announcedVersion = versions.get().forLogin().version();
            running().call("restart", bridge.fields().put("version", announcedVersion));
        });
    }

    private void exited() {
        if (!stopping.get()) {
            LOG.error("The Baileys bridge ended unexpectedly; the pod stops so that it is restarted");
            Runtime.getRuntime().halt(70);
        }
    }

    @Override
    public CompletionStage<EngineEvent.PairingCodeIssued> requestPairingCode(String phoneDigits) {
        if (phoneDigits == null || !phoneDigits.matches("\\d{6,15}")) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("phone number must be 6 to 15 digits"));
        }
        if (isPaired()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the session is already paired"));
        }
        return running().call("pairingCode", bridge.fields().put("phone", phoneDigits))
                .thenApply(answer -> new EngineEvent.PairingCodeIssued(answer.path("code").asText(),
                        clock.instant().plusSeconds(150)));
    }

    @Override
    public CompletionStage<Void> sendPasskeyAssertion(String credentialId, String assertionJson) {
        return running().call("passkey", bridge.fields().put("credentialId", credentialId).put("assertion", assertionJson))
                .<Void>thenApply(answer -> null)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(passkeyRefusal(error)));
    }

    /** WhatsApp's refusal of the assertion, by its code: 401 wrong, 408 late (the bridge then reports a new challenge). */
    private static Throwable passkeyRefusal(Throwable error) {
        var cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!(cause instanceof BridgeException refused) || refused.code() == 0) {
            return cause;
        }
        var refusal = switch (refused.code()) {
            case 401 -> io.kubezap.session.engine.PasskeyRefusedException.Cause.WRONG;
            case 408 -> io.kubezap.session.engine.PasskeyRefusedException.Cause.EXPIRED;
            default -> io.kubezap.session.engine.PasskeyRefusedException.Cause.NOT_WAITING;
        };
        return new io.kubezap.session.engine.PasskeyRefusedException(refusal, "WhatsApp answered " + refused.code() + " " + refused.getMessage());
    }

    @Override
    public void restart() {
        running().call("restart");
    }

    @Override
    public CompletionStage<Void> logout() {
        return running().call("logout").thenApply(done -> null);
    }

    @Override
    public CompletionStage<SentMessage> send(OutgoingMessage message, String messageId) {
        ObjectNode request;
        try {
            request = OutgoingRequests.of(message, bridge.fields());
        } catch (UnsupportedByEngine notBridged) {
            return CompletableFuture.failedFuture(new SendFailedException(notBridged.getMessage(), false, null));
        }
        if (message.chatJid().endsWith(CHANNEL_SERVER) && message instanceof OutgoingMedia) {
            // WhatsApp keeps a channel's files unencrypted, uploaded to its newsletter path, which Baileys 7 rc14 does not use
            return CompletableFuture.failedFuture(new SendFailedException("Files cannot be posted to a channel yet; post text", false, null));
        }
        request.put("to", message.chatJid()).put("messageId", messageId).put("quotedId", message.quotedMessageId());
        return running().call("send", request)
                .exceptionallyCompose(failed -> CompletableFuture.failedFuture(
                        new SendFailedException("Baileys: " + rootMessage(failed), true, failed)))
                .thenApply(answer -> {
                    if (answer.hasNonNull("refused")) {
                        var reason = answer.path("refused").asText();
                        throw message.chatJid().endsWith("@g.us") ? GroupPostRefusal.of(reason)
                                : message.chatJid().endsWith(CHANNEL_SERVER) ? new SendFailedException("WhatsApp did not accept the post: "
                                + reason, false, null)
                                : PrivacyTokenRefusal.of(reason);
                    }
                    return new SentMessage(answer.path("messageId").asText(), Instant.ofEpochMilli(answer.path("timestamp").asLong()));
                });
    }

    /** A read receipt in a group, or for a contact's status, names whose message was read (its {@code participant}). */
    @Override
    public CompletionStage<Void> markRead(String chatJid, List<MessageRef> messages) {
        var request = bridge.fields();
        var keys = request.putArray("keys");
        for (MessageRef ref : messages) {
            keys.addObject().put("chat", ref.chatJid()).put("id", ref.messageId()).put("fromMe", ref.fromMe())
                    .put("participant", chatJid.endsWith("@g.us") || StatusPost.isStatus(chatJid) ? ref.senderJid() : null);
        }
        return running().call("markRead", request).thenApply(done -> null);
    }

    /** In a group the receipt names the voice note's writer ({@code participant}). */
    @Override
    public CompletionStage<Void> markPlayed(String chatJid, MessageRef message) {
        var request = bridge.fields().put("chat", chatJid).put("messageId", message.messageId())
                .put("participant", chatJid.endsWith("@g.us") ? message.senderJid() : null);
        return running().call("markPlayed", request).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Map<String, NumberOnWhatsApp>> checkNumbers(List<String> phoneDigits) {
        var request = bridge.fields();
        var phones = request.putArray("phones");
        phoneDigits.forEach(phones::add);
        return running().call("checkNumbers", request).thenApply(answer -> {
            var found = new java.util.HashMap<String, NumberOnWhatsApp>();
            answer.path("numbers").forEach(number -> found.put(number.path("phone").asText(),
                    new NumberOnWhatsApp(number.path("exists").asBoolean(), BridgeEvents.text(number, "lid"))));
            var all = new java.util.LinkedHashMap<String, NumberOnWhatsApp>();
            phoneDigits.forEach(digits -> all.put(digits, found.getOrDefault(digits, NumberOnWhatsApp.NOT_ON_WHATSAPP)));
            return all;
        });
    }

    @Override
    public CompletionStage<java.util.Optional<io.kubezap.session.engine.UsernameOwner>> resolveUsername(String username) {
        return running().call("resolveUsername", bridge.fields().put("username", username)).thenApply(answer ->
                answer.hasNonNull("lid") ? java.util.Optional.of(new io.kubezap.session.engine.UsernameOwner(answer.path("lid").asText(),
                        BridgeEvents.text(answer, "pn"), BridgeEvents.text(answer, "username")))
                        : java.util.Optional.<io.kubezap.session.engine.UsernameOwner>empty());
    }

    @Override
    public CompletionStage<Void> block(String jid, boolean blocked) {
        return done(running().call("block", bridge.fields().put("jid", jid).put("blocked", blocked)));
    }

    @Override
    public CompletionStage<List<String>> blockList() {
        return running().call("blockList").thenApply(answer -> {
            var jids = new java.util.ArrayList<String>();
            answer.path("jids").forEach(jid -> jids.add(jid.asText()));
            return jids;
        });
    }

    @Override
    public CompletionStage<ContactProfile> profile(String jid) {
        return running().call("profile", bridge.fields().put("jid", jid)).thenApply(BridgeProfiles::profile);
    }

    @Override
    public CompletionStage<Optional<ContactProfile.Picture>> picture(String jid) {
        return running().call("picture", bridge.fields().put("jid", jid))
                .thenApply(answer -> BridgeProfiles.picture(answer.path("picture")));
    }

    @Override
    public CompletionStage<Void> fetchPicture(String url, Path target) {
        var request = bridge.fields().put("url", url).put("target", target.toAbsolutePath().toString());
        return running().call("fetchPicture", request).<Void>thenApply(done -> null).exceptionallyCompose(failed ->
                CompletableFuture.failedFuture(new MediaUnavailableException("The profile picture could not be fetched: "
                        + rootMessage(failed), failed)));
    }

    @Override
    public CompletionStage<Void> setPresence(boolean available) {
        return done(running().call("presence", bridge.fields().put("available", available)));
    }

    @Override
    public CompletionStage<Void> sendChatState(String chatJid, EngineEvent.PresenceState state) {
        return done(running().call("chatState", bridge.fields().put("chat", chatJid).put("state", state.name())));
    }

    @Override
    public CompletionStage<Void> subscribePresence(String jid) {
        return done(running().call("subscribePresence", bridge.fields().put("jid", jid)));
    }

    @Override
    public CompletionStage<Void> setDisappearing(String chatJid, int seconds) {
        return done(running().call("disappearing", bridge.fields().put("chat", chatJid).put("seconds", seconds)));
    }

    @Override
    public CompletionStage<Void> setDefaultDisappearing(int seconds) {
        return done(running().call("defaultDisappearing", bridge.fields().put("seconds", seconds)));
    }

    @Override
    public CompletionStage<Void> rejectCall(String callId, String callerJid) {
        return done(running().call("rejectCall", bridge.fields().put("callId", callId).put("caller", callerJid)));
    }

    /** Fetched by the pod, as Cobalt's files are: WhatsApp's media hosts only, never more than declared (MediaFetcher). */
    @Override
    public CompletionStage<Void> fetchMedia(MediaLocator locator, Path target) {
        return mediaFetcher.fetch(locator, target, settings.get().route().httpProxy().orElse(null));
    }

    /** A request to the bridge for the other parts of this engine (groups); fails as the bridge answered. */
    CompletableFuture<JsonNode> request(String op, java.util.function.UnaryOperator<ObjectNode> fields) {
        return running().call(op, fields.apply(bridge.fields()));
    }

    /** The request; WhatsApp's refusal (the bridge's error with WhatsApp's code) as what {@code refusal} makes of code and message. */
    CompletableFuture<JsonNode> request(String op, java.util.function.UnaryOperator<ObjectNode> fields,
                                        java.util.function.BiFunction<Integer, String, RuntimeException> refusal) {
        return request(op, fields).exceptionallyCompose(failed -> {
            Throwable cause = failed instanceof java.util.concurrent.CompletionException && failed.getCause() != null ? failed.getCause() : failed;
            return CompletableFuture.failedFuture(cause instanceof BridgeException refused && refused.code() >= 400
                    ? refusal.apply(refused.code(), refused.getMessage()) : cause);
        });
    }

    private static CompletionStage<Void> done(CompletableFuture<JsonNode> answer) {
        return answer.thenApply(ignored -> null);
    }

    @Override
    public boolean isPaired() {
        return authStore().registered();
    }

    @Override
    public void shutdown() {
        var running = bridge;
        if (running != null && stopping.compareAndSet(false, true)) {
            running.close();
            eventThread.shutdown();
        }
    }

    void onApplicationShutdown(@Observes ShutdownEvent event) {
        shutdown();
    }

    @Override
    public CompletionStage<String> requestHistory(MessageRef oldest, Instant oldestAt, int count) {
        var request = bridge.fields().put("chat", oldest.chatJid()).put("messageId", oldest.messageId()).put("fromMe", oldest.fromMe())
                .put("timestamp", oldestAt.toEpochMilli()).put("count", count);
        return running().call("history", request).thenApply(answer -> answer.path("requestId").asText())
                .exceptionallyCompose(failed -> CompletableFuture.failedFuture(
                        new SendFailedException("History not requested: " + rootMessage(failed), true, failed)));
    }

    /** A batch kept since its blob could not be downloaded ({@code historyDeferred}): the bridge downloads and reads it now. */
    @Override
    public CompletionStage<Optional<EngineEvent.HistorySynced>> readHistory(HistoryBlob blob) {
        var request = bridge.fields();
        BridgeHistory.put(blob, request);
        return running().call("readHistory", request).thenApply(answer -> Optional.ofNullable(BridgeHistory.batch(answer)));
    }

    @Override
    public CompletionStage<Void> changeChat(String chatJid, ChatChange change) {
        return chatModify(chatJid, BridgeChatChanges.modification(change));
    }

    @Override
    public CompletionStage<Void> editLabel(LabelChange label) {
        return chatModify("", BridgeChatChanges.modification(label));
    }

    private CompletionStage<Void> chatModify(String chatJid, ObjectNode modification) {
        var request = bridge.fields().put("chat", chatJid);
        request.set("modification", modification);
        return running().call("chatModify", request).<Void>thenApply(done -> null).exceptionallyCompose(failed ->
                CompletableFuture.failedFuture(new SendFailedException("WhatsApp refused the app-state patch: "
                        + rootMessage(failed), false, failed)));
    }

    /** A capability this engine lacks, as the failed call every caller of the port sees. */
    static <T> CompletionStage<T> refused(String capability) {
        return CompletableFuture.failedFuture(unsupported(capability));
    }

    static UnsupportedByEngine unsupported(String capability) {
        return new UnsupportedByEngine(NAME, capability);
    }

    private static String rootMessage(Throwable failed) {
        Throwable cause = failed;
        while (cause.getCause() != null && cause != cause.getCause()) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    private BaileysAuthStore authStore() {
        if (auth == null) {
            synchronized (this) {
                if (auth == null) {
                    auth = new BaileysAuthStore(json, settings.get().dataDir());
                }
            }
        }
        return auth;
    }

    private BridgeProcess running() {
        var running = bridge;
        if (running == null) {
            throw new IllegalStateException("the WhatsApp engine is not started");
        }
        return running;
    }
}
