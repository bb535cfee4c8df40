package io.kubezap.session.engine;

import java.util.List;

/** One change a {@code w:gp2} notification reports about a group. */
public sealed interface GroupChange {

    /** The group was created with the account in it; {@code group} as WhatsApp describes it. */
    record Created(GroupInfo group) implements GroupChange {
    }

    /**
     * {@code action} is add, remove, promote, demote or leave (the participants left by themselves); {@code reason} is
     * WhatsApp's, e.g. {@code invite} for an add by invite link, or null.
     */
    record Participants(String action, List<String> participants, String reason) implements GroupChange {
    }

    record Subject(String subject) implements GroupChange {
    }

    /** A null description was deleted. */
    record Description(String description) implements GroupChange {
    }

    record Announce(boolean announce) implements GroupChange {
    }

    record Locked(boolean locked) implements GroupChange {
    }

    /** Messages now disappear after {@code seconds}; 0: they stay. */
    record Ephemeral(long seconds) implements GroupChange {
    }

    /** Joining by link now waits for an admin's approval ({@code true}), or not. */
    /** Who may add members now: {@code admin_add} or {@code all_member_add}. */
    record MemberAddMode(String mode) implements GroupChange {
    }

    record JoinApproval(boolean required) implements GroupChange {
    }

    /** The group's picture is now {@code pictureId}; null: it was removed. */
    record Picture(String pictureId) implements GroupChange {
    }

    /**
     * Requests to join while the group requires approval: {@code action} is {@code requested} (they asked; {@code method}
     * is how, e.g. {@code invite_link}), {@code cancelled} (they took it back) or {@code rejected} (an admin refused).
     */
    record JoinRequests(String action, List<String> participants, String method) implements GroupChange {
    }

    /** The community (the notification's group) linked {@code groupJid} to itself ({@code linked}) or unlinked it. */
    record Link(String groupJid, boolean linked) implements GroupChange {
    }
}
