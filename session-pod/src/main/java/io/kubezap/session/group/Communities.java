package io.kubezap.session.group;

import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;

/**
 * Communities: a community groups the groups its admins link to it, and has an announcements group only admins post
 * in (WhatsApp makes it with the community). The account's communities and groups live on WhatsApp's group server,
 * like groups ({@link GroupService}'s refusals apply).
 */
@Singleton
public class Communities {

    private final GroupEngine engine;
    private final GroupService groups;

    public Communities(GroupEngine engine, GroupService groups) {
        this.engine = engine;
        this.groups = groups;
    }

    /** Creates a community with its announcements group; the account is superadmin of both. Answers the community. */
    public GroupInfo create(String subject, String description) {
        if (subject == null || subject.isBlank()) {
            throw Failure.invalid("subject", "must not be empty");
        }
        var blank = description == null || description.isBlank();
        return groups.kept(GroupService.call(engine.createCommunity(subject.strip(), blank ? null : description), null));
    }

    /** The community's groups, its announcements group first. */
    public List<GroupInfo.Linked> groups(String communityJid) {
        var community = GroupService.groupJid(communityJid);
        return GroupService.call(engine.linkedGroups(community), community);
    }

    /** Links groups the account administers; answered per group. */
    public List<Map<String, Object>> link(String communityJid, List<String> groupJids) {
        var community = GroupService.groupJid(communityJid);
        if (groupJids == null || groupJids.isEmpty()) {
            throw Failure.invalid("groups", "must list at least one group");
        }
        var asked = groupJids.stream().map(GroupService::groupJid).toList();
        return GroupService.call(engine.link(community, asked), community).stream()
                .map(outcome -> Map.<String, Object>of("jid", outcome.jid(), "code", outcome.code(), "status", switch (outcome.code()) {
                    case 200 -> "linked";
                    case 401 -> "not-a-group-admin";
                    case 404 -> "group-not-found";
                    case 409 -> "linked-elsewhere";
                    default -> "failed";
                })).toList();
    }

    public void unlink(String communityJid, String groupJid) {
        var community = GroupService.groupJid(communityJid);
        GroupService.call(engine.unlink(community, GroupService.groupJid(groupJid)), community);
    }
}
