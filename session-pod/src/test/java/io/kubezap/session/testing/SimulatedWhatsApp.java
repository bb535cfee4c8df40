package io.kubezap.session.testing;

import io.kubezap.contract.Account;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.qr.QrLink;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.MediaUnavailableException;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.OutgoingMedia;
import io.kubezap.session.engine.OutgoingMessage;
import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.engine.SendFailedException;
import io.kubezap.session.engine.SentMessage;
import io.kubezap.session.engine.WhatsAppEngine;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A WhatsApp session in memory, standing in for the Cobalt adapter in tests. It keeps a key store (paired
 * or not), pairs by QR with rotating refs, connects, drops, delivers incoming messages and receipts, and
 * accepts or refuses sends as a test tells it. Everything it does, it reports through the engine port.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SimulatedWhatsApp implements WhatsAppEngine {

    public static final Account ACCOUNT =
            new Account("5511999999999@s.whatsapp.net", "5511999999999", "Loja Centro");

    /** A text WhatsApp accepted, with the id it got and when. */
    /** A message WhatsApp accepted; {@code fileBytes} holds a media message's file as it was when sent. */
    public record Delivered(OutgoingMessage message, byte[] fileBytes, String waMessageId, Instant at) {

        public OutgoingText text() {
            return (OutgoingText) message;
        }

        public OutgoingMedia media() {
            return (OutgoingMedia) message;
        }
    }

    private final List<Delivered> delivered = new CopyOnWriteArrayList<>();
    private volatile boolean reuseNextId;
    private volatile boolean leaveNextSendUnconfirmed;
    private volatile String lastId;
    private final java.util.Map<String, byte[]> mediaServer = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger fetches = new java.util.concurrent.atomic.AtomicInteger();
    private final ConcurrentLinkedDeque<SendFailedException> pendingFailures = new ConcurrentLinkedDeque<>();
    private final AtomicInteger connectAttempts = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Consumer<EngineEvent> listener = event -> { };
    private volatile Account keyStore;
    private volatile boolean online;
    private volatile String currentQr;

    @Override
    public void start(Consumer<EngineEvent> events) {
        this.listener = events;
        connect();
    }

    @Override
    public CompletionStage<EngineEvent.PairingCodeIssued> requestPairingCode(String phoneDigits) {
        if (keyStore != null) {
            return CompletableFuture.failedFuture(new IllegalStateException("already paired"));
        }
        String code = phoneDigits.substring(phoneDigits.length() - 4) + "-" + Integer.toHexString(ids.incrementAndGet() + 0xA000).toUpperCase();
        EngineEvent.PairingCodeIssued issued = new EngineEvent.PairingCodeIssued(code, Instant.now().plusSeconds(180));
        listener.accept(issued);
        return CompletableFuture.completedFuture(issued);
    }

    @Override
    public void restart() {
        online = false;
        listener.accept(new EngineEvent.Disconnected("Restart", "restart requested", Instant.now()));
        connect();
    }

    @Override
    public CompletionStage<Void> logout() {
        unlink("LoggedOut", "logged out through the API");
        return CompletableFuture.completedFuture(null);
    }

    private final List<io.kubezap.session.engine.MessageRef> readMarks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<String> rejectedCalls = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<SentMessage> send(OutgoingMessage message, String messageId) {
        if (!online) {
            return CompletableFuture.failedFuture(new SendFailedException("not connected", true, null));
        }
        SendFailedException failure = pendingFailures.poll();
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        String id = reuseNextId ? lastId : messageId;
        reuseNextId = false;
        lastId = id;
        Instant now = Instant.now();
        byte[] file = message instanceof OutgoingMedia media ? read(media.file()) : null;
        delivered.add(new Delivered(message, file, id, now));
        MediaLocator uploaded = file == null ? null : remember(((OutgoingMedia) message).kind(), id, file);
        if (leaveNextSendUnconfirmed) {
            leaveNextSendUnconfirmed = false;
            return new CompletableFuture<>();
        }
        return CompletableFuture.completedFuture(new SentMessage(id, now, uploaded));
    }

    /** An on-demand history request: the message the phone is asked to go back from, and how many. */
    public record HistoryRequest(io.kubezap.session.engine.MessageRef oldest, Instant oldestAt, int count) {
    }

    private final List<HistoryRequest> historyRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<String> requestHistory(io.kubezap.session.engine.MessageRef oldest, Instant oldestAt, int count) {
        if (!online) {
            return CompletableFuture.failedFuture(new SendFailedException("not connected", true, null));
        }
        historyRequests.add(new HistoryRequest(oldest, oldestAt, count));
        return CompletableFuture.completedFuture("REQ" + historyRequests.size());
    }

    public List<HistoryRequest> historyRequests() {
        return List.copyOf(historyRequests);
    }

    /** A kept history batch the media host gives only after {@code failures} more tries, and how often it was tried. */
    private record KeptHistory(EngineEvent.HistorySynced batch, AtomicInteger failuresLeft, AtomicInteger reads) {
    }

    private final java.util.Map<String, KeptHistory> keptHistory = new java.util.concurrent.ConcurrentHashMap<>();

    /** Reading the kept batch of notification {@code notificationId} fails {@code failures} times, then gives {@code batch}. */
    public void serveKeptHistory(String notificationId, int failures, EngineEvent.HistorySynced batch) {
        keptHistory.put(notificationId, new KeptHistory(batch, new AtomicInteger(failures), new AtomicInteger()));
    }

    /** How often the session tried to read the kept batch of {@code notificationId}. */
    public int keptHistoryReads(String notificationId) {
        var kept = keptHistory.get(notificationId);
        return kept == null ? 0 : kept.reads().get();
    }

    @Override
    public CompletionStage<java.util.Optional<EngineEvent.HistorySynced>> readHistory(io.kubezap.session.engine.HistoryBlob blob) {
        var kept = keptHistory.get(blob.notificationId());
        if (kept == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("the media host has no " + blob.directPath()));
        }
        kept.reads().incrementAndGet();
        if (kept.failuresLeft().getAndDecrement() > 0) {
            return CompletableFuture.failedFuture(new java.io.UncheckedIOException(new java.io.IOException("HTTP 500")));
        }
        return CompletableFuture.completedFuture(java.util.Optional.of(kept.batch()));
    }

    @Override
    public CompletionStage<Void> markRead(String chatJid, List<io.kubezap.session.engine.MessageRef> messages) {
        if (!online) {
            return CompletableFuture.failedFuture(new SendFailedException("not connected", true, null));
        }
        readMarks.addAll(messages);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> markPlayed(String chatJid, io.kubezap.session.engine.MessageRef message) {
        return markRead(chatJid, List.of(message));
    }

    @Override
    public CompletionStage<io.kubezap.session.engine.ContactProfile> profile(String jid) {
        if (!online) {
            return CompletableFuture.failedFuture(new SendFailedException("not connected", true, null));
        }
        return CompletableFuture.completedFuture(profiles.getOrDefault(jid,
                new io.kubezap.session.engine.ContactProfile(null, null, null, null, null)));
    }

    @Override
    public CompletionStage<java.util.Optional<io.kubezap.session.engine.ContactProfile.Picture>> picture(String jid) {
        return profile(jid).thenApply(found -> java.util.Optional.ofNullable(found.pictureUrl())
                .map(url -> new io.kubezap.session.engine.ContactProfile.Picture(found.pictureId(), url)));
    }

    @Override
    public CompletionStage<Void> fetchPicture(String url, java.nio.file.Path target) {
        pictureFetches.incrementAndGet();
        return serve(url, target);
    }

    private final java.util.Map<String, io.kubezap.session.engine.ContactProfile> profiles = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger pictureFetches = new java.util.concurrent.atomic.AtomicInteger();

    /** What WhatsApp shows of {@code jid}; with a picture, its bytes are served at the profile's picture URL. */
    public void profileOf(String jid, io.kubezap.session.engine.ContactProfile profile, byte[] picture) {
        profiles.put(jid, profile);
        if (picture != null) {
            mediaServer.put(profile.pictureUrl(), picture);
        }
    }

    /** How many profile pictures were downloaded. */
    public int pictureFetches() {
        return pictureFetches.get();
    }

    @Override
    public CompletionStage<java.util.Map<String, io.kubezap.session.engine.NumberOnWhatsApp>> checkNumbers(List<String> phoneDigits) {
        if (!online) {
            return CompletableFuture.failedFuture(new SendFailedException("not connected", true, null));
        }
        numbersChecked.addAll(phoneDigits);
        // numbers ending in 0000 are not on WhatsApp; every other one has the LID "9" + its digits
        return CompletableFuture.completedFuture(phoneDigits.stream()
                .collect(java.util.stream.Collectors.toMap(digits -> digits, digits -> digits.endsWith("0000")
                        ? io.kubezap.session.engine.NumberOnWhatsApp.NOT_ON_WHATSAPP
                        : new io.kubezap.session.engine.NumberOnWhatsApp(true, "9" + digits + "@lid"))));
    }

    @Override
    public CompletionStage<Void> block(String jid, boolean blocked) {
        if (blocked) {
            blockedJids.add(jid);
        } else {
            blockedJids.remove(jid);
        }
        return setPresence(true);
    }

    @Override
    public CompletionStage<List<String>> blockList() {
        return setPresence(true).thenApply(ignored -> List.copyOf(blockedJids));
    }

    private final java.util.Set<String> blockedJids = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Every number asked of WhatsApp, in order; numbers ending in 0000 are not on WhatsApp. */
    public List<String> numbersChecked() {
        return List.copyOf(numbersChecked);
    }

    private final List<String> numbersChecked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> setPresence(boolean available) {
        return online ? CompletableFuture.completedFuture(null)
                : CompletableFuture.failedFuture(new SendFailedException("not connected", true, null));
    }

    /** A chat state the session showed, and when. */
    public record ChatState(String chatJid, EngineEvent.PresenceState state, Instant at) {
    }

    private final List<ChatState> chatStates = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> sendChatState(String chatJid, EngineEvent.PresenceState state) {
        chatStates.add(new ChatState(chatJid, state, Instant.now()));
        return setPresence(true);
    }

    public List<ChatState> chatStates() {
        return List.copyOf(chatStates);
    }

    @Override
    public CompletionStage<Void> subscribePresence(String jid) {
        return setPresence(true);
    }

    @Override
    public CompletionStage<Void> rejectCall(String callId, String callerJid) {
        if (!online) {
            return CompletableFuture.failedFuture(new SendFailedException("not connected", true, null));
        }
        rejectedCalls.add(callId);
        return CompletableFuture.completedFuture(null);
    }

    /** An app-state change sent through the engine: a chat's ({@code change}) or a label's ({@code label}). */
    public record AppStateChange(String chatJid, io.kubezap.session.engine.ChatChange change,
                                 io.kubezap.session.engine.LabelChange label) {
    }

    private final List<AppStateChange> appStateChanges = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> changeChat(String chatJid, io.kubezap.session.engine.ChatChange change) {
        appStateChanges.add(new AppStateChange(chatJid, change, null));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> editLabel(io.kubezap.session.engine.LabelChange label) {
        appStateChanges.add(new AppStateChange(null, null, label));
        return CompletableFuture.completedFuture(null);
    }

    /** The app-state changes sent through the engine, in order. */
    public List<AppStateChange> appStateChanges() {
        return List.copyOf(appStateChanges);
    }

    /** The calls declined through the engine, in order. */
    public List<String> rejectedCalls() {
        return List.copyOf(rejectedCalls);
    }

    /** The messages read receipts were sent for, in order. */
    public List<io.kubezap.session.engine.MessageRef> readMarks() {
        return List.copyOf(readMarks);
    }

    @Override
    public CompletionStage<Void> fetchMedia(MediaLocator locator, java.nio.file.Path target) {
        fetches.incrementAndGet();
        return serve(locator.directPath(), target);
    }

    /** Writes what the media server holds at {@code path} into {@code target}, or fails as WhatsApp's host would. */
    private CompletionStage<Void> serve(String path, java.nio.file.Path target) {
        byte[] bytes = mediaServer.get(path);
        if (bytes == null) {
            return CompletableFuture.failedFuture(new MediaUnavailableException("gone from WhatsApp's servers", null));
        }
        try {
            java.nio.file.Files.write(target, bytes);
            return CompletableFuture.completedFuture(null);
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The next send gets the id of the previous one, as Cobalt 0.0.10's id generator once did. */
    public void reuseIdOnNextSend() {
        reuseNextId = true;
    }

    /** How often the pod fetched a file from "WhatsApp". */
    public int mediaFetches() {
        return fetches.get();
    }

    /** WhatsApp's servers drop every file (as after their own retention). */
    public void forgetAllMedia() {
        mediaServer.clear();
    }

    /** A phone sends a file. */
    public void receiveMedia(String waId, String from, MediaKind kind, byte[] bytes, String mimeType, String fileName,
                             String caption) {
        MediaLocator locator = remember(kind, waId, bytes);
        var content = new MessageContent.Media(kind, mimeType, (long) bytes.length, locator.fileSha256(), fileName, caption, locator);
        listener.accept(new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage(waId, from, from, "Maria",
                content, null, List.of(), Instant.now())));
    }

    /**
     * {@code from}'s HD original of the photo or video {@code standardId} they sent, as WhatsApp's apps send it after the
     * standard copy ({@code hdId} its own message's id): the update the engines report, its file downloadable.
     */
    public void hdOriginal(String hdId, String standardId, String from, MediaKind kind, byte[] bytes, String mimeType) {
        MediaLocator locator = remember(kind, hdId, bytes);
        var original = new MessageContent.Media(kind, mimeType, (long) bytes.length, locator.fileSha256(), null, null, locator);
        listener.accept(new EngineEvent.MessageUpdated(hdId, new io.kubezap.session.engine.MessageRef(from, standardId, false, from), from, false,
                new io.kubezap.session.engine.MessageUpdate.HdCopy(original), Instant.now()));
    }

    private MediaLocator remember(MediaKind kind, String id, byte[] bytes) {
        String path = "/v/test/" + id;
        mediaServer.put(path, bytes);
        String sha256 = SampleFiles.sha256(bytes);
        return new MediaLocator(kind, null, path, "a2V5", sha256, null, bytes.length);
    }

    private static byte[] read(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public boolean isPaired() {
        return keyStore != null;
    }

    @Override
    public void shutdown() {
        online = false;
    }

    // ---- what a test (or the phone on the other side) does ----

    /** Back to a fresh device: key store empty, showing a QR; nothing sent so far. */
    public void resetToUnpaired() {
        pendingFailures.clear();
        leaveNextSendUnconfirmed = false;
        if (keyStore != null) {
            unlink("LoggedOut", "test reset");
        } else if (currentQr == null) {
            showQr(Duration.ofSeconds(60));
        }
        delivered.clear();
        chatStates.clear();
        mediaServer.clear();
        fetches.set(0);
    }

    /** Fresh device, then linked by scanning the QR: connected and ready to send. */
    public void resetToConnected() {
        resetToUnpaired();
        scanQr();
    }

    /** The phone scans the current QR: the device is registered and logs in. */
    public void scanQr() {
        if (currentQr == null) {
            throw new IllegalStateException("no QR to scan");
        }
        keyStore = ACCOUNT;
        currentQr = null;
        online = true;
        listener.accept(new EngineEvent.Connected(ACCOUNT));
    }

    /** The current ref ran out: the next one is shown (20 s, as WhatsApp Web does after the first); the QR the session shows for it. */
    public String rotateQr() {
        return QrLink.of(showQr(Duration.ofSeconds(20)));
    }

    /** Shows a QR whose validity already ran out (as after a stalled rotation). */
    public void showExpiredQr() {
        showQr(Duration.ofSeconds(-1));
    }

    /** The connection drops; credentials stay valid. */
    public void dropConnection() {
        online = false;
        listener.accept(new EngineEvent.Disconnected("NetworkError", "connection reset by peer", Instant.now().plusSeconds(1)));
        listener.accept(new EngineEvent.Connecting(connectAttempts.incrementAndGet()));
    }

    /** The retry after a drop succeeds. */
    public void reconnect() {
        online = true;
        listener.accept(new EngineEvent.Connected(ACCOUNT));
    }

    /** The user removed this device on the phone. */
    public void unlinkedFromPhone() {
        unlink("LoggedOut", "device removed on the phone");
    }

    public void receive(String waId, String from, String text) {
        listener.accept(new EngineEvent.MessageReceived(new EngineEvent.IncomingMessage(waId, from, from, "Maria",
                new MessageContent.Text(text), null, List.of(), Instant.now())));
    }

    /** Reports anything, as the engine would. */
    public void emit(EngineEvent event) {
        listener.accept(event);
    }

    public void receipt(String waMessageId, String chatJid, EngineEvent.Receipt receipt) {
        listener.accept(new EngineEvent.ReceiptReceived(waMessageId, chatJid, receipt, Instant.now()));
    }

    /** The next send reaches the recipient, but its server ack never comes back (a connection lost meanwhile). */
    public void leaveNextSendUnconfirmed() {
        leaveNextSendUnconfirmed = true;
    }

    /** The next {@code count} sends are refused by WhatsApp. */
    public void refuseNextSends(int count, boolean retryable) {
        for (int i = 0; i < count; i++) {
            pendingFailures.add(new SendFailedException(retryable ? "server busy (simulated 503)" : "recipient not on WhatsApp",
                    retryable, null));
        }
    }

    public List<Delivered> delivered() {
        return List.copyOf(delivered);
    }

    /** The QR the session shows for the current ref: the engine's payload as the session renders it. */
    public String currentQr() {
        return currentQr == null ? null : QrLink.of(currentQr);
    }

    private void connect() {
        listener.accept(new EngineEvent.Connecting(connectAttempts.incrementAndGet()));
        if (keyStore != null) {
            online = true;
            listener.accept(new EngineEvent.Connected(keyStore));
        } else {
            showQr(Duration.ofSeconds(60));
        }
    }

    private void unlink(String reason, String message) {
        keyStore = null;
        online = false;
        listener.accept(new EngineEvent.LoggedOut(reason, message));
        showQr(Duration.ofSeconds(60));
    }

    private String showQr(Duration validity) {
        byte[] ref = new byte[12];
        ThreadLocalRandom.current().nextBytes(ref);
        String payload = "2@" + Base64.getEncoder().encodeToString(ref) + ",noiseKey=,identityKey=,advSecret=,1";
        currentQr = payload;
        listener.accept(new EngineEvent.QrIssued(payload, Instant.now().plus(validity)));
        return payload;
    }
}
