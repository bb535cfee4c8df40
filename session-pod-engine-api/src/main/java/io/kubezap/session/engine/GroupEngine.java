package io.kubezap.session.engine;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * WhatsApp's group server, as the account sees it. A refusal completes exceptionally with
 * {@link GroupRefusedException} carrying WhatsApp's code.
 */
public interface GroupEngine {

    /** Creates a group with this subject and these participants (user JIDs); the account becomes its superadmin. */
    CompletionStage<GroupInfo> create(String subject, List<String> participants);

    /** The group's current metadata, asked from WhatsApp. */
    CompletionStage<GroupInfo> metadata(String groupJid);

    /** {@code action} is add, remove, promote or demote; answered per participant. */
    CompletionStage<List<GroupInfo.Outcome>> changeParticipants(String groupJid, String action, List<String> participants);

    CompletionStage<Void> leave(String groupJid);

    CompletionStage<Void> setSubject(String groupJid, String subject);

    /** A null description deletes it. */
    CompletionStage<Void> setDescription(String groupJid, String description);

    /** Only admins post ({@code announce}); only admins edit the group's info ({@code locked}). */
    CompletionStage<Void> setAnnounce(String groupJid, boolean announce);

    CompletionStage<Void> setLocked(String groupJid, boolean locked);

    /** Who may add members: {@link GroupInfo#ADMIN_ADD} or {@link GroupInfo#ALL_MEMBER_ADD} (WhatsApp's {@code member_add_mode}). */
    CompletionStage<Void> setMemberAddMode(String groupJid, String mode);

    /** The groups the account is in, with their participants ({@code participating}). */
    CompletionStage<List<GroupInfo>> participating();

    /** The group's invite code (admins only); {@code revoke} first replaces it, so the old one lets nobody in. */
    CompletionStage<String> inviteCode(String groupJid, boolean revoke);

    /** Joins the group an invite code opens (or, when it requires approval, asks to join). */
    CompletionStage<GroupInfo.Joining> join(String code);

    /** The group an invite code opens, as WhatsApp shows it before joining. */
    CompletionStage<GroupInfo> invitePreview(String code);

    /** A square JPEG (WhatsApp shows 640×640 at most) becomes the group's picture; {@code null} removes it. */
    CompletionStage<Void> setPicture(String groupJid, byte[] jpeg);

    /** Messages disappear after {@code seconds} (86400, 604800 or 7776000); 0: they stay. */
    CompletionStage<Void> setEphemeral(String groupJid, long seconds);

    /** Joining by link waits for an admin's approval ({@code required}), or not. */
    CompletionStage<Void> setJoinApproval(String groupJid, boolean required);

    /** Who asks to join (admins only). */
    CompletionStage<List<GroupInfo.JoinRequest>> joinRequests(String groupJid);

    /** Approves (they are added) or rejects requests to join; answered per participant (404: it did not ask). */
    CompletionStage<List<GroupInfo.Outcome>> answerJoinRequests(String groupJid, boolean approve, List<String> participants);

    /** A community with this subject (and description), with its announcements group; the account is superadmin of both. */
    CompletionStage<GroupInfo> createCommunity(String subject, String description);

    /** Links groups the account administers to a community it administers; answered per group (WhatsApp's code). */
    CompletionStage<List<GroupInfo.Outcome>> link(String communityJid, List<String> groupJids);

    CompletionStage<Void> unlink(String communityJid, String groupJid);

    /** A community's groups, its announcements group marked. */
    CompletionStage<List<GroupInfo.Linked>> linkedGroups(String communityJid);
}
