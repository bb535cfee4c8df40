package io.kubezap.session.engine;

/**
 * The account WhatsApp answers for a {@code @username}: its linked identity ({@code …@lid}), its phone-number JID when the
 * account does not hide it (else null), and the username as WhatsApp keeps it.
 */
public record UsernameOwner(String lidJid, String phoneJid, String username) {
}
