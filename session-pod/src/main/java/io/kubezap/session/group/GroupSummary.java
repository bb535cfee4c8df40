package io.kubezap.session.group;

import java.time.Instant;

/**
 * A group the account is in, as stored: what {@code GET /groups} lists. {@code myRole} is null when unknown;
 * {@code ephemeralSeconds}, {@code joinApproval}, {@code community}, {@code parent} and {@code announcementsGroup} as in
 * {@link io.kubezap.session.engine.GroupInfo}.
 */
public record GroupSummary(String jid, String subject, String description, String owner, int size, String myRole,
                           boolean announce, boolean locked, long ephemeralSeconds, boolean joinApproval, boolean community,
                           String parent, boolean announcementsGroup, Instant updatedAt) {
}
