package io.kubezap.session.contact;

import java.time.Instant;

/**
 * Someone the session knows; {@code lid} and {@code phoneNumber} when WhatsApp has told them; {@code name} and
 * {@code shortName} as the account's owner saved them on the phone; {@code pushName} as they call themselves;
 * {@code businessName}: a business account's verified name; {@code username}: their {@code @username} (no {@code @}) when
 * WhatsApp told it.
 */
public record Contact(String jid, String lid, String phoneNumber, String name, String shortName, String pushName,
                      String businessName, String username, Instant updatedAt) {
}
