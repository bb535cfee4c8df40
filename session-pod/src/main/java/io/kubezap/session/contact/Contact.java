package io.kubezap.session.contact;

import java.time.Instant;

public record Contact(String jid, String phoneNumber, String pushName, Instant updatedAt) {
}
