package io.kubezap.session.event;

import java.util.List;

/**
 * Every event name of the contract, what it means and what its {@code data} holds. Webhook bodies wrap
 * {@code data} in the envelope {@code {event, session, namespace, timestamp, deliveryId, data}}.
 */
public final class EventCatalogue {

    /** {@code emitted} is false for names the contract reserves but this pod does not produce yet. */
    public record EventType(String type, boolean emitted, String description, String data) {
    }

    private static final String MESSAGE = "the stored message, as GET /messages/{id} returns it";
    private static final String GROUP = "(the group as GET /groups lists it, null when not known)";
    private static final String CALL = "the call, as GET /calls/{id} returns it: {id, from, video, status, offline, rejectedBy, offeredAt, updatedAt}";

    public static final List<EventType> ALL = List.of(
            emitted(EventTypes.SESSION_STATUS, "the session's phase changed, or its account's details (push name) arrived", "the session state, as GET /api/v1/sessions/{session} returns it"),
            emitted(EventTypes.SESSION_QR, "a new QR code is shown (rotates every ~20 s while pairing)", "{code, expiresAt}"),
            emitted(EventTypes.SESSION_PAIRING_CODE, "a pairing code was issued", "{code, expiresAt}"),
            emitted(EventTypes.SESSION_CONNECTED, "logged in and online", "{jid, phoneNumber, pushName}"),
            emitted(EventTypes.SESSION_DISCONNECTED, "the connection dropped (retried), or the number is banned (not retried: retryAt null)", "{reason, message, retryAt}"),
            emitted(EventTypes.SESSION_LOGGED_OUT, "the device was unlinked; pairing starts over", "{reason, message, at}"),
            emitted(EventTypes.MESSAGE_RECEIVED, "a message arrived", MESSAGE),
            emitted(EventTypes.MESSAGE_SENT, "WhatsApp accepted a message this session sent", MESSAGE),
            emitted(EventTypes.MESSAGE_STATUS, "a sent message was delivered, read or played", "{id, waMessageId, chat, status, at}"),
            emitted(EventTypes.MESSAGE_FAILED, "a send failed after its last retry", MESSAGE + ", with the failure reason"),
            emitted(EventTypes.MESSAGE_EDITED, "a message was edited (by its sender, here or on another device)",
                    "{message (as stored, with the new text), previousText, editedBy, editedAt}"),
            emitted(EventTypes.MESSAGE_REVOKED, "a message was deleted for everyone; it stays readable here",
                    "{message (as stored, content kept), deletedBy, deletedAt}"),
            emitted(EventTypes.MESSAGE_REACTION, "someone reacted to a message, or took a reaction back (emoji \"\")",
                    "{messageId, waMessageId, chat, from, emoji, removed, at, message (the reacted-to message, as stored)}"),
            emitted(EventTypes.POLL_VOTE, "someone voted on a poll, or changed or withdrew their vote",
                    "{messageId, waMessageId, chat, voter, options (the voter's choice now), at, poll (the tally, as GET /messages/{id}/poll returns it)}"),
            emitted(EventTypes.PRESENCE_UPDATE, "a contact came online or went offline (after POST /presence/subscribe), or is typing, recording or stopped in their chat",
                    "{jid, state (available, unavailable, composing, recording, paused), lastSeen (when shared), updatedAt}"),
            emitted(EventTypes.GROUP_UPDATE, "a group's subject, description, announce-only or locked setting changed",
                    "{group, by, at, changes ({subject, description (null: deleted), announce, locked}: those that changed), current " + GROUP + "}"),
            emitted(EventTypes.GROUP_PARTICIPANTS, "participants of a group the account is in were added, removed, promoted or demoted, or left",
                    "{group, by, at, action (add, remove, promote, demote, leave), participants, reason (invite: joined by link)}"),
            emitted(EventTypes.GROUP_JOINED, "the account is in a group: it was created with it, it was added, or it joined by invite link",
                    "{group, by, at, reason (created, added, invite), current " + GROUP + "}"),
            emitted(EventTypes.GROUP_LEFT, "the account is no longer in a group: it left, or an admin removed it", "{group, by, at, reason (left, removed)}"),
            emitted(EventTypes.CALL_RECEIVED, "a call to the session's account is ringing", CALL),
            emitted(EventTypes.CALL_UPDATED, "a call ended: answered or declined on another device, declined here, hung up, or not answered", CALL),
            new EventType("webhook.test", true, "sent only to webhooks, by POST /webhooks/test", "{message}"));

    private EventCatalogue() {
    }

    private static EventType emitted(String type, String description, String data) {
        return new EventType(type, true, description, data);
    }
}
