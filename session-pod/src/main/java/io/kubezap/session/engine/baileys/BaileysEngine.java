package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.engine.ContactProfile;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineSettings;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MessageRef;
import io.kubezap.session.engine.NumberOnWhatsApp;
import io.kubezap.session.engine.OutgoingMessage;
import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.engine.SendFailedException;
import io.kubezap.session.engine.SentMessage;
import io.kubezap.session.engine.UnsupportedByEngine;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.engine.version.WebVersions;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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
 * reports into engine events. It links (QR, pairing code), sends and receives texts, reports receipts and marks chats
 * read; every other capability fails with {@link UnsupportedByEngine} (the API's 501).
 */
@ApplicationScoped
@Typed(BaileysEngine.class)
public class BaileysEngine implements WhatsAppEngine {

    static final String NAME = "Baileys";
    private static final Logger LOG = Logger.getLogger(BaileysEngine.class);

    private final Instance<EngineSettings> settings;
    private final Instance<WebVersions> versions;
    private final String node;
    private final Path bridgeDirectory;
    private final ObjectMapper json = new ObjectMapper();
    private final Clock clock = Clock.systemUTC();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopping = new AtomicBoolean();

    private volatile String announcedVersion;
    private volatile BaileysAuthStore auth;
    private volatile BridgeProcess bridge;

    @Inject
    public BaileysEngine(Instance<EngineSettings> settings, Instance<WebVersions> versions,
                         @ConfigProperty(name = "kubezap.baileys-node", defaultValue = "node") String node,
                         @ConfigProperty(name = "kubezap.baileys-bridge", defaultValue = "/opt/kubezap/baileys-bridge") String bridgeDirectory) {
        this.settings = settings;
        this.versions = versions;
        this.node = node;
        this.bridgeDirectory = Path.of(bridgeDirectory);
    }

    @Override
    public void start(Consumer<EngineEvent> listener) {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the WhatsApp engine is already started");
        }
        EngineSettings session = settings.get();
        var events = new BridgeEvents(clock);
        announcedVersion = versions.get().forLogin().version();
        try {
            var launch = BridgeLaunch.of(node, bridgeDirectory, session.dataDir().resolve("baileys"));
            bridge = BridgeProcess.start(launch, json, line -> received(line, events, listener), this::exited);
        } catch (IOException cannotStart) {
            throw new UncheckedIOException("cannot start the Baileys bridge (" + node + " in " + bridgeDirectory + ")", cannotStart);
        }
        var start = bridge.fields().put("version", announcedVersion).put("markOnline", session.markOnlineOnConnect());
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

    /** One bridge line, in the bridge's order: the auth state is written before anything after it is handled. */
    private void received(JsonNode line, BridgeEvents events, Consumer<EngineEvent> listener) {
        switch (line.path("event").asText()) {
            case "auth" -> authStore().credentials(line.get("creds"), line.path("reset").asBoolean());
            case "keys" -> authStore().keys(line.get("set"));
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
            default -> announce(line, events, listener);
        }
    }

    private static void announce(JsonNode line, BridgeEvents events, Consumer<EngineEvent> listener) {
        events.toEngineEvent(line).ifPresent(event -> {
            try {
                listener.accept(event);
            } catch (RuntimeException listenerFailure) {
                LOG.warnf(listenerFailure, "The engine event listener failed on %s", event);
            }
        });
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
    public void restart() {
        running().call("restart");
    }

    @Override
    public CompletionStage<Void> logout() {
        return running().call("logout").thenApply(done -> null);
    }

    @Override
    public void requireSendable(String messageType) {
        if (!"text".equals(messageType)) {
            throw unsupported("Sending " + messageType + " messages");
        }
    }

    @Override
    public CompletionStage<SentMessage> send(OutgoingMessage message, String messageId) {
        if (!(message instanceof OutgoingText text)) {
            return CompletableFuture.failedFuture(new SendFailedException(
                    unsupported("Sending " + message.getClass().getSimpleName()).getMessage(), false, null));
        }
        var request = bridge.fields().put("to", text.chatJid()).put("messageId", messageId).put("text", text.text())
                .put("quotedId", text.quotedMessageId());
        var mentions = request.putArray("mentions");
        text.mentions().forEach(mentions::add);
        return running().call("send", request)
                .thenApply(answer -> new SentMessage(answer.path("messageId").asText(), Instant.ofEpochMilli(answer.path("timestamp").asLong())))
                .exceptionallyCompose(failed -> CompletableFuture.failedFuture(
                        new SendFailedException("Baileys: " + rootMessage(failed), true, failed)));
    }

    @Override
    public CompletionStage<Void> markRead(String chatJid, List<MessageRef> messages) {
        var request = bridge.fields();
        var keys = request.putArray("keys");
        for (MessageRef ref : messages) {
            keys.addObject().put("chat", ref.chatJid()).put("id", ref.messageId()).put("fromMe", ref.fromMe())
                    .put("participant", chatJid.endsWith("@g.us") ? ref.senderJid() : null);
        }
        return running().call("markRead", request).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Map<String, NumberOnWhatsApp>> checkNumbers(List<String> phoneDigits) {
        return refused("Checking numbers");
    }

    @Override
    public CompletionStage<Void> block(String jid, boolean blocked) {
        return refused("Blocking contacts");
    }

    @Override
    public CompletionStage<List<String>> blockList() {
        return refused("The block list");
    }

    @Override
    public CompletionStage<ContactProfile> profile(String jid) {
        return refused("Contact profiles");
    }

    @Override
    public CompletionStage<Optional<ContactProfile.Picture>> picture(String jid) {
        return refused("Profile pictures");
    }

    @Override
    public CompletionStage<Void> fetchPicture(String url, Path target) {
        return refused("Profile pictures");
    }

    @Override
    public CompletionStage<Void> setPresence(boolean available) {
        return refused("Presence");
    }

    @Override
    public CompletionStage<Void> sendChatState(String chatJid, EngineEvent.PresenceState state) {
        return refused("Chat states (typing)");
    }

    @Override
    public CompletionStage<Void> subscribePresence(String jid) {
        return refused("Presence subscriptions");
    }

    @Override
    public CompletionStage<Void> rejectCall(String callId, String callerJid) {
        return refused("Rejecting calls");
    }

    @Override
    public CompletionStage<Void> fetchMedia(MediaLocator locator, Path target) {
        return refused("Media downloads");
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
        }
    }

    void onApplicationShutdown(@Observes ShutdownEvent event) {
        shutdown();
    }

    @Override
    public CompletionStage<String> requestHistory(io.kubezap.session.engine.MessageRef oldest, java.time.Instant oldestAt, int count) {
        return refused("On-demand history");
    }

    static UnsupportedByEngine unsupported(String capability) {
        return new UnsupportedByEngine(NAME, capability);
    }

    private static <T> CompletionStage<T> refused(String capability) {
        return CompletableFuture.failedFuture(unsupported(capability));
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
