package io.kubezap.session.group;

import java.time.Instant;

/** A group the account is in, as stored: what {@code GET /groups} lists. {@code myRole} is null when unknown. */
public record GroupSummary(String jid, String subject, String description, String owner, int size, String myRole,
                           boolean announce, boolean locked, Instant updatedAt) {
}
