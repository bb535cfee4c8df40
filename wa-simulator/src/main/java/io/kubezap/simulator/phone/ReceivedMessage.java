package io.kubezap.simulator.phone;

import it.auties.whatsapp.model.jid.Jid;

import java.time.Instant;

/** A message a phone received and decrypted; {@code text} is null for non-text messages. */
public record ReceivedMessage(String id, Jid fromDevice, String text, Instant receivedAt) {
}
