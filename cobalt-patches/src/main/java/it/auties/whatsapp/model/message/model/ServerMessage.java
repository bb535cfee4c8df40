package it.auties.whatsapp.model.message.model;

import it.auties.whatsapp.model.message.server.ProtocolMessage;
import it.auties.whatsapp.model.sync.HistorySync;
import it.auties.whatsapp.model.sync.HistorySyncNotification;

/**
 * Replaces Cobalt 0.0.10's {@code ServerMessage} (the jar's class is removed in application.properties).
 *
 * <p>Cobalt drops every message of category {@code SERVER} before its listeners see it, and handles only some protocol
 * messages itself: edits ({@code MESSAGE_EDIT}) are lost, and a deletion ({@code REVOKE}) is reported only for a
 * message still in its in-memory store. Here those two are standard messages, so they reach the session pod's adapter
 * like any other message, which reads them ({@code IncomingUpdates}). So are the history sync notifications that carry
 * conversations (initial bootstrap, recent, full, on demand): Cobalt would merge them into its in-memory chats (losing
 * messages when a later chunk is newer), cannot decode on-demand ones at all, and acknowledges them before anything is
 * stored; the adapter stores them before they are acknowledged ({@code HistorySyncs}). So is a chat's disappearing
 * messages setting ({@code EPHEMERAL_SETTING}), whose duration Cobalt's own handling loses (it writes the timestamp over
 * it) and reports without its chat; the adapter reads it ({@code DisappearingSettings}). Everything else stays a server
 * message.
 *
 * <p>Not sealed, unlike the original: a sealed interface may not permit classes of other packages outside a named
 * module. The classes that implement it are unchanged.
 */
public non-sealed interface ServerMessage extends Message {
    @Override
    default Category category() {
        return this instanceof ProtocolMessage protocol && (protocol.protocolType() == ProtocolMessage.Type.MESSAGE_EDIT
                || protocol.protocolType() == ProtocolMessage.Type.REVOKE
                || protocol.protocolType() == ProtocolMessage.Type.EPHEMERAL_SETTING || carriesConversations(protocol))
                ? Category.STANDARD : Category.SERVER;
    }

    /** A history sync of conversations; an on-demand one's type is unknown to Cobalt 0.0.10 (null). */
    private static boolean carriesConversations(ProtocolMessage protocol) {
        return protocol.protocolType() == ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION
                && protocol.historySyncNotification().map(HistorySyncNotification::syncType)
                .map(type -> type == HistorySync.Type.INITIAL_BOOTSTRAP || type == HistorySync.Type.RECENT
                        || type == HistorySync.Type.FULL)
                .orElse(protocol.historySyncNotification().isPresent());
    }
}
