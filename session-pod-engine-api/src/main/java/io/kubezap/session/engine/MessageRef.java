package io.kubezap.session.engine;

/**
 * Names a message in WhatsApp's terms: its chat, its WhatsApp id, whether this account wrote it, and (in groups, or
 * when not from this account) who did.
 */
public record MessageRef(String chatJid, String messageId, boolean fromMe, String senderJid) {
}
