package io.kubezap.simulator.phone;

import it.auties.whatsapp.model.jid.Jid;

import java.time.Instant;

/**
 * A message a phone received and decrypted.
 *
 * @param type            {@code text}, a media kind ({@code image}, {@code voice}, …) or {@code unknown}
 * @param text            the text of a text message, else null
 * @param caption         a media message's caption, else null
 * @param media           a media message's file, else null
 * @param quotedMessageId the id of the message it replies to, else null
 * @param message         the decrypted {@code Message} protobuf (what a reply quotes)
 * @param group           the group it was posted in, else null (a direct message)
 */
public record ReceivedMessage(String id, Jid fromDevice, String type, String text, String caption, ReceivedMedia media,
                              String quotedMessageId, Instant receivedAt, byte[] message, Jid group) {
}
