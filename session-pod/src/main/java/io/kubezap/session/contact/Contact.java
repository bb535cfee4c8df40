package io.kubezap.session.contact;

import java.time.Instant;

/** Someone the session knows; {@code lid} and {@code phoneNumber} when WhatsApp has told them. */
public record Contact(String jid, String lid, String phoneNumber, String pushName, Instant updatedAt) {
}
