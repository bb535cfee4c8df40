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

    /** The groups the account is in, with their participants ({@code participating}). */
    CompletionStage<List<GroupInfo>> participating();

    /** The group's invite code (admins only); {@code revoke} first replaces it, so the old one lets nobody in. */
    CompletionStage<String> inviteCode(String groupJid, boolean revoke);

    /** Joins the group an invite code opens; completes with the group's JID. */
    CompletionStage<String> join(String code);
}
