package io.kubezap.simulator.phone;

import it.auties.whatsapp.model.jid.Jid;

import java.time.Instant;

/**
 * A message that reached this phone again under an id it already had (a sender's answer to a retry receipt): WhatsApp's
 * apps show a message once, so it changes nothing on screen; kept so that a test can see what a sender hands out.
 * {@code text} is the text (or caption) it carried, null for other kinds.
 */
public record Resend(String id, Jid fromDevice, String type, String text, Instant at) {
}
