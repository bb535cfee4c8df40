package io.kubezap.session.engine;

import io.kubezap.contract.Account;

import java.time.Instant;
import java.util.List;

/** Everything an engine reports. The session's state machine is the only consumer. */
public sealed interface EngineEvent {

    /**
     * What WhatsApp delivered to the account (as opposed to the session's own lifecycle): the session stores it, and
     * keeps it for a while when the database is out of reach, since WhatsApp will not deliver it again.
     */
    sealed interface Delivered extends EngineEvent {
    }

    /** A socket is being opened (first start, or a reconnect attempt). */
    record Connecting(int attempt) implements EngineEvent {
    }

    /** A QR payload to show; replaces any earlier one. */
    record QrIssued(String payload, Instant expiresAt) implements EngineEvent {
    }

    /** A pairing code to type on the phone. */
    record PairingCodeIssued(String code, Instant expiresAt) implements EngineEvent {
    }

    /**
     * WhatsApp told what the account may start ({@link io.kubezap.contract.AccountRestrictions}): its answer on connecting
     * or after a refused send, or its notification of a change; a part it did not tell is null (unchanged).
     */
    record RestrictionsTold(io.kubezap.contract.AccountRestrictions restrictions) implements EngineEvent {
    }

    /**
     * The phone approved the link, and WhatsApp asks for the account owner's passkey first ({@code passkey_prologue_request}):
     * {@code requestOptions} is WhatsApp's WebAuthn request options JSON, {@code challenge} (base64url) and {@code rpId} taken
     * from it, valid until {@code expiresAt}. Answered by {@link WhatsAppEngine#sendPasskeyAssertion}; issued again with a new
     * challenge after a late answer.
     */
    record PasskeyRequested(String requestOptions, String challenge, String rpId, Instant expiresAt) implements EngineEvent {
    }

    /** Logged in and online. */
    record Connected(Account account) implements EngineEvent {
    }

    /** The logged-in account's details changed, e.g. its push name arrived by app-state sync after login. */
    record AccountUpdated(Account account) implements EngineEvent {
    }

    /**
     * Connection lost but credentials still valid; the engine retries after {@code retryAt}, or not at all when it is null
     * (another pod took the key store).
     */
    record Disconnected(String reason, String message, Instant retryAt) implements EngineEvent {
    }

    /** The device was unlinked (401/405 failure, device_removed); the key store was wiped. */
    record LoggedOut(String reason, String message) implements EngineEvent {
    }

    /** The number is banned or blocked (403/503 failure); the engine does not reconnect. */
    record Banned(String reason, String message) implements EngineEvent {
    }

    record MessageReceived(IncomingMessage message) implements Delivered {
    }

    /**
     * Something happened to a message: a reaction, an edit, a deletion for everyone or a poll vote, by {@code actorJid}
     * ({@code fromMe}: this account, from another of its devices). {@code updateId} is the WhatsApp id of the message
     * that carried it.
     */
    record MessageUpdated(String updateId, MessageRef target, String actorJid, boolean fromMe, MessageUpdate update,
                          Instant at) implements Delivered {
    }

    /**
     * A call to this account: offered (ringing), or its end as WhatsApp reports it. {@code callerJid} is the caller's
     * account; {@code offline} when the offer reached this device only after the call was over.
     */
    record CallUpdated(String callId, String callerJid, boolean video, CallState state, Instant at, boolean offline)
            implements Delivered {
    }

    enum CallState { RINGING, ACCEPTED, REJECTED, ENDED, TIMED_OUT }

    /**
     * Someone's presence ({@code AVAILABLE}, {@code UNAVAILABLE} with {@code lastSeen} when they share it) or what they
     * do in a chat with this account ({@code COMPOSING}, {@code RECORDING}, {@code PAUSED}; {@code chatJid} set).
     */
    record PresenceUpdated(String jid, PresenceState state, Instant lastSeen, String chatJid, Instant at) implements Delivered {
    }

    enum PresenceState { AVAILABLE, UNAVAILABLE, COMPOSING, RECORDING, PAUSED }

    /**
     * What WhatsApp's group server tells the group's members ({@code w:gp2}): {@code changes} to {@code groupJid} by
     * {@code actorJid}; {@code notificationId} is the same when WhatsApp delivers it again.
     */
    record GroupNotified(String notificationId, String groupJid, String actorJid, Instant at, List<GroupChange> changes)
            implements Delivered {
    }

    /**
     * A received message whose content this session cannot have: it could not be decrypted, even after {@code retries}
     * retry receipts to its sender, or WhatsApp sent this device no copy of it ({@code unavailable}, e.g. view-once media,
     * which only the phone may open). WhatsApp is told to stop delivering it.
     */
    record MessageUndecryptable(String messageId, String chatJid, String senderJid, String pushName, int retries, Cause cause,
                                Instant at) implements Delivered {

        /** Why the content is missing, as the event's {@code reason} says it. */
        public enum Cause {
            DECRYPTION_FAILED("decryption-failed"), UNAVAILABLE("unavailable");

            private final String wire;

            Cause(String wire) {
                this.wire = wire;
            }

            public String wire() {
                return wire;
            }
        }
    }

    /** A receipt for a message this session sent, by the engine's message id. */
    /** {@code participant}: in a group, the member that sent the receipt; null in a one-to-one chat. */
    record ReceiptReceived(String messageId, String chatJid, Receipt receipt, Instant at, String participant) implements Delivered {
        public ReceiptReceived(String messageId, String chatJid, Receipt receipt, Instant at) {
            this(messageId, chatJid, receipt, at, null);
        }
    }

    /**
     * WhatsApp told which phone number stands behind a linked identity: {@code lidJid} ({@code …@lid}) is
     * {@code phoneJid} ({@code …@s.whatsapp.net}). {@code source}: {@code message} (a message's attributes),
     * {@code usync} (a number check), {@code group} (group metadata) or {@code call} (a call offer).
     */
    record AddressLearned(String lidJid, String phoneJid, String source) implements Delivered {
    }

    /** The account's owner saved {@code jid} in the phone's address book as {@code fullName} (app-state sync). */
    record ContactSaved(String jid, String fullName, String firstName) implements Delivered {
    }

    /**
     * The account's app state changed a chat (archived, pinned, muted, marked read or unread, deleted, cleared, a message
     * starred, a label put on or taken off): made on the phone or another companion, or this session's own change read
     * back.
     */
    record ChatChanged(String chatJid, ChatChange change, Instant at) implements Delivered {
    }

    /** The account's app state created, changed or deleted a WhatsApp Business label. */
    record LabelEdited(LabelChange label, Instant at) implements Delivered {
    }

    /**
     * A batch of the phone's history ({@code syncType}: {@code bootstrap}, {@code recent}, {@code full} or
     * {@code on-demand}; {@code chunkOrder} and {@code progress}, 0-100, as the phone numbered it): past messages,
     * stored as history, never announced as received. {@code addresses}: the lid↔phone pairs the batch carries
     * (WhatsApp's {@code phoneNumberToLidMappings} and each conversation's other address), learned before its messages
     * are stored.
     */
    record HistorySynced(String syncType, int chunkOrder, Integer progress, List<HistoryConversation> conversations,
                         List<AddressLearned> addresses) implements Delivered {
        public HistorySynced {
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }

        public HistorySynced(String syncType, int chunkOrder, Integer progress, List<HistoryConversation> conversations) {
            this(syncType, chunkOrder, progress, conversations, List.of());
        }
    }

    /**
     * A batch of the phone's history whose blob could not be downloaded or read ({@code reason}); its notification is
     * acknowledged all the same (WhatsApp would not send it again), so the session keeps the blob's locator and reads it
     * later ({@link WhatsAppEngine#readHistory}).
     */
    record HistoryDeferred(HistoryBlob blob, String reason) implements Delivered {
    }

    /**
     * Disappearing messages in a one-to-one chat were turned on for {@code seconds} (0: off) by {@code actorJid}
     * ({@code fromMe}: this account, from another of its devices): WhatsApp's {@code EPHEMERAL_SETTING} protocol message,
     * whose id is {@code messageId}.
     */
    record DisappearingChanged(String messageId, String chatJid, String actorJid, boolean fromMe, int seconds, Instant at)
            implements Delivered {
    }

    /**
     * The account's default timer for the chats it starts was changed on another of its devices (the phone's settings):
     * WhatsApp's {@code account_sync} notification with {@code disappearing_mode}; {@code seconds} 0: off.
     */
    record DefaultDisappearingChanged(int seconds, Instant at) implements Delivered {
    }

    /** A business account's verified name, from the certificate its messages carry. */
    record BusinessNameSeen(String jid, String verifiedName) implements Delivered {
    }

    /**
     * A message in a chat. {@code fromMe}: the account wrote it on another of its devices (the phone), and this
     * device got the copy. {@code raw}: WhatsApp's message itself, when the adapter can give it (null otherwise).
     */
    record IncomingMessage(String id, String chatJid, String senderJid, String pushName, MessageContent content,
                           String quotedMessageId, List<String> mentions, Instant timestamp, boolean fromMe,
                           MessageTraits traits, RawMessage raw) {

        public IncomingMessage {
            traits = traits == null ? MessageTraits.NONE : traits;
        }

        public IncomingMessage(String id, String chatJid, String senderJid, String pushName, MessageContent content,
                               String quotedMessageId, List<String> mentions, Instant timestamp, boolean fromMe,
                               MessageTraits traits) {
            this(id, chatJid, senderJid, pushName, content, quotedMessageId, mentions, timestamp, fromMe, traits, null);
        }

        public IncomingMessage(String id, String chatJid, String senderJid, String pushName, MessageContent content,
                               String quotedMessageId, List<String> mentions, Instant timestamp, boolean fromMe) {
            this(id, chatJid, senderJid, pushName, content, quotedMessageId, mentions, timestamp, fromMe, MessageTraits.NONE);
        }

        public IncomingMessage(String id, String chatJid, String senderJid, String pushName, MessageContent content,
                               String quotedMessageId, List<String> mentions, Instant timestamp) {
            this(id, chatJid, senderJid, pushName, content, quotedMessageId, mentions, timestamp, false);
        }
    }

    enum Receipt { DELIVERED, READ, PLAYED }
}
