package io.kubezap.session.engine;

/**
 * WhatsApp's answer about one phone number: whether it is on WhatsApp and, when WhatsApp tells, the linked identity
 * ({@code …@lid}) it addresses that account by (else null).
 */
public record NumberOnWhatsApp(boolean exists, String lidJid) {

    public static final NumberOnWhatsApp NOT_ON_WHATSAPP = new NumberOnWhatsApp(false, null);
}
