package it.auties.whatsapp.model.message.model;

import it.auties.whatsapp.model.message.server.ProtocolMessage;

/**
 * Replaces Cobalt 0.0.10's {@code ServerMessage} (the jar's class is removed in application.properties).
 *
 * <p>Cobalt drops every message of category {@code SERVER} before its listeners see it, and handles only some protocol
 * messages itself: edits ({@code MESSAGE_EDIT}) are lost, and a deletion ({@code REVOKE}) is reported only for a
 * message still in its in-memory store. Here those two are standard messages, so they reach the session pod's adapter
 * like any other message, which reads them ({@code IncomingUpdates}). Everything else stays a server message.
 *
 * <p>Not sealed, unlike the original: a sealed interface may not permit classes of other packages outside a named
 * module. The classes that implement it are unchanged.
 */
public non-sealed interface ServerMessage extends Message {
    @Override
    default Category category() {
        return this instanceof ProtocolMessage protocol && (protocol.protocolType() == ProtocolMessage.Type.MESSAGE_EDIT
                || protocol.protocolType() == ProtocolMessage.Type.REVOKE) ? Category.STANDARD : Category.SERVER;
    }
}
