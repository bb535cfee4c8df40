package io.kubezap.session.engine;

import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The one port through which the session pod talks WhatsApp. The Cobalt adapter is the production
 * implementation; tests plug in their own. Nothing outside the adapter package imports Cobalt.
 *
 * <p>The engine owns the connection lifecycle (pairing, QR rotation, reconnect with backoff,
 * telling logged-out and banned apart from transient drops) and reports everything it observes as
 * {@link EngineEvent}s, possibly from several threads and in no particular order across types.
 */
public interface WhatsAppEngine {

    /** Starts connecting in the background (registered if keys exist, else pairing per settings); returns at once. */
    void start(Consumer<EngineEvent> events);

    /** Switches an unpaired session to pairing-code linking for that phone (digits only); completes with the code. */
    CompletionStage<EngineEvent.PairingCodeIssued> requestPairingCode(String phoneDigits);

    /** Drops the socket and connects again, keeping credentials. */
    void restart();

    /**
     * Answers WhatsApp's passkey request ({@link EngineEvent.PasskeyRequested}) with the WebAuthn assertion the account's
     * owner made, as {@code PublicKeyCredential.toJSON()} gives it ({@code credentialId}: its {@code rawId}). Completes when
     * WhatsApp accepted it (the link then completes: {@link EngineEvent.Connected}); fails with
     * {@link PasskeyRefusedException} when WhatsApp refuses it (wrong, or late: then a new challenge follows).
     */
    default CompletionStage<Void> sendPasskeyAssertion(String credentialId, String assertionJson) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedByEngine(getClass().getSimpleName(), "Passkey linking"));
    }

    /** Unlinks the device from the account and wipes the local key store; pairing starts over. */
    CompletionStage<Void> logout();

    /**
     * Sends a message under the WhatsApp id {@code messageId} (see {@link MessageIds}); fails with
     * {@link SendFailedException} when WhatsApp did not accept it. Sending again with the same id is how a send
     * interrupted by a crash is completed: recipients show a message id once.
     */
    CompletionStage<SentMessage> send(OutgoingMessage message, String messageId);

    /** Why this engine cannot send {@code content}'s kind at all (the API answers 501 before queueing it), or empty. */
    default java.util.Optional<UnsupportedByEngine> refusal(MessageContent.Structured content) {
        return java.util.Optional.empty();
    }

    /**
     * Why this engine cannot send a photo or video in HD (WhatsApp's second upload, associated to the standard one), so
     * that {@code hd: true} is answered 501 before anything is stored; or empty.
     */
    default java.util.Optional<UnsupportedByEngine> hdRefusal() {
        return java.util.Optional.empty();
    }

    /**
     * Asks the phone for up to {@code count} messages of {@code oldest}'s chat older than {@code oldest} (sent at
     * {@code oldestAt}); completes once asked, with the request's id. The phone answers later, as a
     * {@link EngineEvent.HistorySynced} batch of type {@code on-demand}.
     */
    default CompletionStage<String> requestHistory(MessageRef oldest, java.time.Instant oldestAt, int count) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedByEngine("session's", "On-demand history"));
    }

    /**
     * Downloads and reads a history batch the engine could not read when it arrived ({@link EngineEvent.HistoryDeferred});
     * fails while the blob stays out of reach (the caller tries again later). Empty when the session asks for no history.
     */
    default CompletionStage<java.util.Optional<EngineEvent.HistorySynced>> readHistory(HistoryBlob blob) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedByEngine("session's", "Reading a kept history batch"));
    }

    /** Sends read receipts for these received messages of one chat (blue ticks on the sender's phone). */
    CompletionStage<Void> markRead(String chatJid, java.util.List<MessageRef> messages);

    /** Sends a {@code played} receipt for a received voice note: the sender's phone shows it listened to. */
    CompletionStage<Void> markPlayed(String chatJid, MessageRef message);

    /** Which of these phone numbers (digits) are on WhatsApp, with their linked identity when told: one usync query. */
    CompletionStage<java.util.Map<String, NumberOnWhatsApp>> checkNumbers(java.util.List<String> phoneDigits);

    /**
     * The account holding {@code username} (no {@code @}), asked of WhatsApp as current clients resolve one (usync, a user
     * named by {@code <contact username>}); empty when nobody holds it.
     */
    default CompletionStage<java.util.Optional<UsernameOwner>> resolveUsername(String username) {
        return java.util.concurrent.CompletableFuture.failedFuture(new UnsupportedByEngine("session's", "Resolving a @username"));
    }

    /** Blocks ({@code blocked}) or unblocks a contact: a blocked contact's messages and calls no longer arrive. */
    CompletionStage<Void> block(String jid, boolean blocked);

    /** The account's block list, as WhatsApp keeps it. */
    CompletionStage<java.util.List<String>> blockList();

    /** {@code jid}'s about text, profile picture and business profile, as WhatsApp shows them to this account. */
    CompletionStage<ContactProfile> profile(String jid);

    /** {@code jid}'s current profile picture alone (one query), empty when there is none or privacy hides it. */
    CompletionStage<java.util.Optional<ContactProfile.Picture>> picture(String jid);

    /** Downloads a profile picture (plain JPEG on WhatsApp's CDN) into {@code target}; nothing is left there on failure. */
    CompletionStage<Void> fetchPicture(String url, java.nio.file.Path target);

    /** Shows this account online ({@code available}) or offline to the contacts that follow its presence. */
    CompletionStage<Void> setPresence(boolean available);

    /** Shows this account typing ({@code COMPOSING}), recording a voice note, or stopped ({@code PAUSED}) in a chat. */
    CompletionStage<Void> sendChatState(String chatJid, EngineEvent.PresenceState state);

    /** Asks WhatsApp for {@code jid}'s presence updates ({@link EngineEvent.PresenceUpdated}). */
    CompletionStage<Void> subscribePresence(String jid);

    /** Declines an incoming call: the caller's phone stops ringing and shows it was declined. */
    CompletionStage<Void> rejectCall(String callId, String callerJid);

    /**
     * Downloads a media file from WhatsApp into {@code target}, checked and decrypted; on failure nothing is left
     * there and the stage fails with {@link MediaUnavailableException}.
     */
    CompletionStage<Void> fetchMedia(MediaLocator locator, java.nio.file.Path target);

    /**
     * Turns disappearing messages in a one-to-one chat on for {@code seconds} (86400, 604800 or 7776000) or off (0): the
     * {@code EPHEMERAL_SETTING} protocol message WhatsApp's apps send to the chat.
     */
    default CompletionStage<Void> setDisappearing(String chatJid, int seconds) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new UnsupportedByEngine(getClass().getSimpleName(), "Disappearing messages"));
    }

    /** The account's default timer for chats it starts ({@code disappearing_mode}), {@code seconds} as above. */
    default CompletionStage<Void> setDefaultDisappearing(int seconds) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new UnsupportedByEngine(getClass().getSimpleName(), "The default disappearing messages timer"));
    }

    /**
     * Changes a chat in the account's app state (an app-state patch the phone and other companions apply); fails with
     * {@link UnsupportedByEngine} where the engine cannot.
     */
    default CompletionStage<Void> changeChat(String chatJid, ChatChange change) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new UnsupportedByEngine(getClass().getSimpleName(), "Changing a chat's app state"));
    }

    /** Creates, changes or deletes a WhatsApp Business label in the account's app state. */
    default CompletionStage<Void> editLabel(LabelChange label) {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new UnsupportedByEngine(getClass().getSimpleName(), "Editing labels"));
    }

    /**
     * Before the first {@link #isPaired()}: a key store the volume lost (none there, or none readable) is put back from
     * its copy in PostgreSQL, if there is one, and reported by {@link #takeStoreRepairs()}.
     *
     * @throws RuntimeException when the copy cannot be read: starting without it would link a new device
     */
    default void restoreLostStore() {
    }

    /**
     * Throws {@link UnsupportedByEngine} when this engine does not send messages of the API's {@code type} ({@code text},
     * {@code image}, …), so that such a send is refused before it is queued. (A call an engine does not support at all
     * fails with {@link UnsupportedByEngine} too.)
     */
    default void requireSendable(String messageType) {
    }

    /**
     * Throws {@link UnsupportedByEngine} when this engine cannot post statuses to {@code status@broadcast} (for an
     * audience, with sender keys) or mark a contact's status seen, so that such a call is refused before anything is queued.
     */
    default void requireStatuses() {
    }

    /** true when the key store holds a registered (paired) device. */
    boolean isPaired();

    /**
     * What reading the stored WhatsApp credentials had to repair since the last call (at the start, when
     * {@link #isPaired()} and {@link #start} read them), each repair handed out once, for status and Events.
     */
    default java.util.List<StoreRepair> takeStoreRepairs() {
        return java.util.List.of();
    }

    /**
     * A repaired key store, its reason one of {@link io.kubezap.contract.SessionState.StoreRepair}'s:
     * {@code KeyStoreRestored} when an unreadable copy was replaced by the previous one (the session stays linked),
     * {@code KeyStoreUnreadable} when no readable copy was left (the device must be linked again),
     * {@code KeyStoreRestoredFromDatabase} when the volume had none and the copy in PostgreSQL was put back.
     */
    record StoreRepair(String reason, String message) {
    }

    /** Flushes keys and store to the data directory and closes the socket (called on SIGTERM). */
    void shutdown();
}
