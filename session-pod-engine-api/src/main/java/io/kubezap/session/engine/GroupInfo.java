package io.kubezap.session.engine;

import java.time.Instant;
import java.util.List;

/**
 * A group as WhatsApp describes it. Roles are {@code superadmin}, {@code admin} or {@code member}.
 * {@code ephemeralSeconds}: how long messages last before they disappear (0: they stay); {@code joinApproval}: joining
 * by link waits for an admin's approval; {@code community}: it is a community (the parent of linked groups);
 * {@code parent}: the community it is linked to, if any; {@code announcementsGroup}: it is its community's
 * announcements group; {@code memberAddMode}: who may add members, WhatsApp's {@code admin_add} (admins only) or
 * {@code all_member_add} (every member).
 */
public record GroupInfo(String jid, String subject, String description, String owner, boolean announce, boolean locked,
                        List<Participant> participants, long ephemeralSeconds, boolean joinApproval, boolean community,
                        String parent, boolean announcementsGroup, String memberAddMode) {

    public static final String ADMIN_ADD = "admin_add";
    public static final String ALL_MEMBER_ADD = "all_member_add";

    /** A plain group: messages stay, anyone with the link joins, in no community. */
    public GroupInfo(String jid, String subject, String description, String owner, boolean announce, boolean locked,
                     List<Participant> participants) {
        this(jid, subject, description, owner, announce, locked, participants, 0, false, false, null, false, ADMIN_ADD);
    }

    /**
     * A member: {@code jid} the number's JID once known (a LID-addressed group names members by LID), {@code lid} and
     * {@code phoneNumber} as far as known, as in messages and contacts.
     */
    public record Participant(String jid, String role, String lid, String phoneNumber) {
        /** As an engine reads it from WhatsApp: the address the group named, the other still to be looked up. */
        public Participant(String jid, String role) {
            this(jid, role, null, null);
        }
    }

    /** The same group with {@code members} for its participants and {@code ownerJid} for its owner. */
    public GroupInfo withMembers(String ownerJid, List<Participant> members) {
        return new GroupInfo(jid, subject, description, ownerJid, announce, locked, List.copyOf(members), ephemeralSeconds, joinApproval,
                community, parent, announcementsGroup, memberAddMode);
    }

    /** What a participant change did to one account: WhatsApp's code (200 done, 403 privacy, 404 not on WhatsApp/not in, 409 already in). */
    public record Outcome(String jid, int code) {
    }

    /** Someone who asked to join by link while the group requires approval. */
    public record JoinRequest(String jid, Instant requestedAt) {
    }

    /** Joining by invite code: the group, and whether the account only asked to join (the group requires approval). */
    public record Joining(String groupJid, boolean awaitingApproval) {
    }

    /** A group of a community, as the community lists it. */
    public record Linked(String jid, String subject, boolean announcementsGroup) {
    }
}
