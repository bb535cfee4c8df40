package io.kubezap.contract;

import java.util.List;

/**
 * The stable, dotted event names: what a webhook's {@code events} filter may name (the CRD's rule is generated from
 * {@link #ALL}) and what the session pod records. {@link #NOT_EMITTED_YET} are accepted in filters and documented, but
 * the pod does not record them yet. {@link #DESCRIBED} says what each means and what its {@code data} holds (the
 * session pod serves it as {@code GET /events/types}); webhook bodies wrap {@code data} in the envelope
 * {@code {event, session, namespace, timestamp, deliveryId, data}}.
 */
public final class EventCatalogue {

    public static final String SESSION_STATUS = "session.status";
    public static final String SESSION_QR = "session.qr";
    public static final String SESSION_PAIRING_CODE = "session.pairing_code";
    public static final String SESSION_PASSKEY_REQUESTED = "session.passkey_requested";
    public static final String SESSION_CONNECTED = "session.connected";
    public static final String SESSION_DISCONNECTED = "session.disconnected";
    public static final String SESSION_LOGGED_OUT = "session.logged_out";
    public static final String SESSION_STORE_REPAIRED = "session.store_repaired";
    public static final String MESSAGE_RECEIVED = "message.received";
    public static final String MESSAGE_SENT = "message.sent";
    public static final String MESSAGE_STATUS = "message.status";
    public static final String MESSAGE_EDITED = "message.edited";
    public static final String MESSAGE_REVOKED = "message.revoked";
    public static final String MESSAGE_FAILED = "message.failed";
    public static final String MESSAGE_UNDECRYPTABLE = "message.undecryptable";
    public static final String MESSAGE_REACTION = "message.reaction";
    public static final String POLL_VOTE = "poll.vote";
    public static final String EVENT_RESPONSE = "event.response";
    public static final String PRESENCE_UPDATE = "presence.update";
    public static final String GROUP_UPDATE = "group.update";
    public static final String GROUP_PARTICIPANTS = "group.participants";
    public static final String GROUP_JOINED = "group.joined";
    public static final String GROUP_LEFT = "group.left";
    public static final String GROUP_JOIN_REQUEST = "group.join_request";
    public static final String CALL_RECEIVED = "call.received";
    public static final String CALL_UPDATED = "call.updated";
    public static final String CHAT_UPDATED = "chat.updated";
    public static final String CHAT_DISAPPEARING = "chat.disappearing";
    public static final String ACCOUNT_DISAPPEARING = "account.disappearing";
    public static final String ACCOUNT_RESTRICTION = "account.restriction";
    public static final String LABEL_UPDATED = "label.updated";
    public static final String LABEL_DELETED = "label.deleted";
    public static final String LABEL_ASSIGNED = "label.assigned";
    public static final String LABEL_UNASSIGNED = "label.unassigned";
    public static final String STATUS_RECEIVED = "status.received";
    public static final String HISTORY_SYNCED = "history.synced";

    public static final List<String> ALL = List.of(
            SESSION_STATUS, SESSION_QR, SESSION_PAIRING_CODE, SESSION_PASSKEY_REQUESTED, SESSION_CONNECTED, SESSION_DISCONNECTED,
            SESSION_LOGGED_OUT, SESSION_STORE_REPAIRED, MESSAGE_RECEIVED, MESSAGE_SENT, MESSAGE_STATUS, MESSAGE_EDITED, MESSAGE_REVOKED,
            MESSAGE_FAILED, MESSAGE_UNDECRYPTABLE, MESSAGE_REACTION, POLL_VOTE, EVENT_RESPONSE, PRESENCE_UPDATE, GROUP_UPDATE, GROUP_PARTICIPANTS, GROUP_JOINED, GROUP_LEFT,
            GROUP_JOIN_REQUEST, CALL_RECEIVED, CALL_UPDATED, CHAT_UPDATED, CHAT_DISAPPEARING, ACCOUNT_DISAPPEARING, ACCOUNT_RESTRICTION, LABEL_UPDATED, LABEL_DELETED, LABEL_ASSIGNED, LABEL_UNASSIGNED, STATUS_RECEIVED, HISTORY_SYNCED);

    /** Sent to one endpoint on request (the webhook test call), whatever its filter: never named in a filter. */
    public static final String WEBHOOK_TEST = "webhook.test";

    public static final List<String> NOT_EMITTED_YET = List.of();

    /** {@code emitted} is false for names the contract reserves but the pod does not produce yet. */
    public record EventType(String type, boolean emitted, String description, String data) {
    }

    private static final String MESSAGE = "the stored message, as GET /messages/{id} returns it";
    private static final String GROUP = "(the group as GET /groups lists it, null when not known)";
    private static final String CALL = "the call, as GET /calls/{id} returns it: {id, from, video, status, offline, rejectedBy, offeredAt, updatedAt}";

    public static final List<EventType> DESCRIBED = List.of(
            emitted(SESSION_STATUS, "the session's phase changed, or its account's details (push name) arrived", "the session state, as GET /api/v1/sessions/{session} returns it"),
            emitted(SESSION_QR, "a new QR code is shown (rotates every ~20 s while pairing)", "{code, expiresAt}"),
            emitted(SESSION_PAIRING_CODE, "a pairing code was issued", "{code, expiresAt}"),
            emitted(SESSION_PASSKEY_REQUESTED, "the phone approved the link and WhatsApp asks for the account owner's passkey (again after a late answer): answer with POST /api/v1/sessions/{session}/pairing/passkey",
                    "{challenge, rpId, requestOptions, expiresAt}"),
            emitted(SESSION_CONNECTED, "logged in and online", "{jid, phoneNumber, pushName}"),
            emitted(SESSION_DISCONNECTED, "the connection dropped (retried), or the number is banned (not retried: retryAt null)", "{reason, message, retryAt}"),
            emitted(SESSION_LOGGED_OUT, "the device was unlinked; pairing starts over", "{reason, message, at}"),
            emitted(SESSION_STORE_REPAIRED, "a file of the WhatsApp key store could not be read: KeyStoreRestored (its previous copy was used; still linked), KeyStoreUnreadable (no readable copy: the device must be linked again) or KeyStoreRestoredFromDatabase (the volume had none: its copy in PostgreSQL was put back; still linked)",
                    "{reason, message (which file and why), at}"),
            emitted(MESSAGE_RECEIVED, "a message arrived, or a post of a channel the account follows (chat and from: the channel's …@newsletter id)",
                    MESSAGE + " (a channel's post: channelServerId, what reactions to it name)"),
            emitted(MESSAGE_SENT, "WhatsApp accepted a message this session sent", MESSAGE),
            emitted(MESSAGE_STATUS, "a sent message was delivered, read or played", "{id, waMessageId, chat, status, at}"),
            emitted(MESSAGE_FAILED, "a send failed after its last retry", MESSAGE + ", with the failure reason"),
            emitted(MESSAGE_UNDECRYPTABLE, "a received message whose content this session cannot have: reason decryption-failed (not even the sender's resends after 5 retry receipts decrypted) or unavailable (WhatsApp sent this device no copy, e.g. view-once media, which only the phone opens); WhatsApp was told to stop delivering it",
                    "{waMessageId, chat, from, pushName, reason, retries, at}"),
            emitted(MESSAGE_EDITED, "a message was edited (by its sender, here or on another device)",
                    "{message (as stored, with the new text), previousText, editedBy, editedAt}"),
            emitted(MESSAGE_REVOKED, "a message was deleted for everyone; it stays readable here",
                    "{message (as stored, content kept), deletedBy, deletedAt}"),
            emitted(MESSAGE_REACTION, "someone reacted to a message, or took a reaction back (emoji \"\")",
                    "{messageId, waMessageId, chat, from, fromMe (the account reacted, here or on its phone), emoji, removed, at, message (the reacted-to message, as stored)}"),
            emitted(POLL_VOTE, "someone voted on a poll, or changed or withdrew their vote",
                    "{messageId, waMessageId, chat, voter, fromMe (the account voted), options (the voter's choice now), at, poll (the tally, as GET /messages/{id}/poll returns it)}"),
            emitted(EVENT_RESPONSE, "a guest answered a calendar event (going, not going, maybe), or changed their answer (WAHA's event.response)",
                    "{messageId, waMessageId, chat, responder, fromMe (the account answered), response (GOING, NOT_GOING, MAYBE), at, event (the event as stored), responses (every guest's current answer, as GET /messages/{id} lists them)}"),
            emitted(PRESENCE_UPDATE, "a contact came online or went offline (after POST /presence/subscribe), or is typing, recording or stopped in their chat",
                    "{jid, state (available, unavailable, composing, recording, paused), lastSeen (when shared), updatedAt}"),
            emitted(GROUP_UPDATE, "a group's subject, description, picture, announce-only or locked setting, disappearing messages or join approval changed, or a community linked or unlinked it",
                    "{group, by, at, changes ({subject, description (null: deleted), picture (its new id; null: removed), announce, locked, ephemeralSeconds (0: off), joinApproval, parent (the community; null: unlinked)}: those that changed), current " + GROUP + "}"),
            emitted(GROUP_PARTICIPANTS, "participants of a group the account is in were added, removed, promoted or demoted, or left",
                    "{group, by, at, action (add, remove, promote, demote, leave), participants, reason (invite: joined by link; membership_approval: an admin approved their request to join)}"),
            emitted(GROUP_JOINED, "the account is in a group: it was created with it, it was added, it joined by invite link, or an admin approved its request to join",
                    "{group, by, at, reason (created, added, invite, approved), current " + GROUP + "}"),
            emitted(GROUP_LEFT, "the account is no longer in a group: it left, or an admin removed it", "{group, by, at, reason (left, removed)}"),
            emitted(GROUP_JOIN_REQUEST, "in a group the account administers that requires approval (joinApproval), someone asked to join, took the request back, or an admin rejected it (an approval is a group.participants add with reason membership_approval); GET /groups/{jid}/join-requests lists those waiting",
                    "{group, by, at, action (requested, cancelled, rejected), participants, method (how they asked, e.g. invite_link; null unless requested)}"),
            emitted(CALL_RECEIVED, "a call to the session's account is ringing", CALL),
            emitted(CALL_UPDATED, "a call ended: answered or declined on another device, declined here, hung up, or not answered", CALL),
            emitted(CHAT_UPDATED, "the account's app state changed a chat, on the phone or through this API: archived or unarchived, pinned or unpinned, muted or unmuted, marked read or unread, deleted, cleared, a message starred or unstarred",
                    "{chat, change (archived, unarchived, pinned, unpinned, muted, unmuted, read, unread, deleted, cleared, starred, unstarred, synced), messageId (starred, unstarred), current (the chat as GET /chats/{jid} returns it; null once deleted), at}"),
            emitted(CHAT_DISAPPEARING, "disappearing messages in a one-to-one chat were turned on, changed or off: by the contact, on the account's phone, through PUT /chats/{jid}/disappearing, or by a message carrying another expiration than the chat's (a contact whose default timer is on starting the chat)",
                    "{chat, ephemeralExpiration (seconds: 86400, 604800, 7776000; 0: off), by (who changed it), fromMe (the account changed it), at}"),
            emitted(ACCOUNT_DISAPPEARING, "the account's default timer for the chats it starts was changed on its phone (WhatsApp's account_sync); GET /privacy/disappearing shows it",
                    "{ephemeralExpiration (seconds: 86400, 604800, 7776000; 0: off), by (the account), at}"),
            emitted(ACCOUNT_RESTRICTION, "what WhatsApp lets the account start changed: a reach-out restriction (timelock) was set or lifted, or the new-chat quota changed (WhatsApp's notification, its answer on connecting or after a refused send); GET /account/restrictions shows it",
                    "{reachoutTimelock {active, timeEnforcementEnds, enforcementType}, newChatMessageCap {cappingStatus, totalQuota, usedQuota, remainingQuota, cycleEndsAt}} (a part null until WhatsApp told it)"),
            emitted(LABEL_UPDATED, "a WhatsApp Business label was created, renamed or recoloured", "{id, name, color, at}"),
            emitted(LABEL_DELETED, "a WhatsApp Business label was deleted", "{id, name, color, at}"),
            emitted(LABEL_ASSIGNED, "a label was put on a chat, or on one message of it", "{labelId, chat, messageId (null: the chat), at}"),
            emitted(LABEL_UNASSIGNED, "a label was taken off a chat, or off one message of it", "{labelId, chat, messageId (null: the chat), at}"),
            emitted(STATUS_RECEIVED, "a contact posted a status (story): stored in chat status@broadcast, its file downloadable as a message's",
                    MESSAGE + " (chat status@broadcast, from the poster; a text status's look in statusPost)"),
            emitted(HISTORY_SYNCED, "a batch of the phone's past conversations was stored (at linking, as deep as spec.history asks, or on demand after POST /chats/{jid}/history); its messages are marked history and not announced one by one",
                    "{type (bootstrap, recent, full, on-demand), chunkOrder, progress (0-100, as the phone counts it), chats, messages (stored now), duplicates (stored before), dropped (over the session's bound, KUBEZAP_HISTORY_MAX_MESSAGES), chatJids}"),
            new EventType(WEBHOOK_TEST, true, "sent only to webhooks, by POST /webhooks/test", "{message}"));

    private EventCatalogue() {
    }

    private static EventType emitted(String type, String description, String data) {
        return new EventType(type, !NOT_EMITTED_YET.contains(type), description, data);
    }
}
