package io.kubezap.simulator.group;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * WhatsApp's group server: groups, their participants and roles, subject, description, settings and invite codes.
 * Every change is told to every member's devices (and to those it removes) as a {@code w:gp2} notification naming
 * who did it; requests to join (asked, rejected) only to the admins'; a new picture as a {@code picture} notification.
 * Accounts are phone numbers.
 */
public final class Groups {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** WhatsApp's {@code member_add_mode}: only admins add members, or every member does. */
    public static final String ADMIN_ADD = "admin_add";
    public static final String ALL_MEMBER_ADD = "all_member_add";
    private static final List<Long> EPHEMERAL_DURATIONS = List.of(86_400L, 604_800L, 7_776_000L);

    /** A created group and what happened to each participant asked for. */
    public record Created(Group group, List<ParticipantResult> participants) {
    }

    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final Set<String> revokedCodes = ConcurrentHashMap.newKeySet();
    private final Predicate<String> onWhatsApp;
    private final BiPredicate<String, String> refusesAdditionBy;
    private final GroupNotifier notifier;
    private final Clock clock;
    private final Function<String, Optional<Jid>> lidOf;

    /**
     * @param onWhatsApp        whether a number is a WhatsApp account
     * @param refusesAdditionBy whether an account (first) refuses to be added by another (second), e.g. it blocked it
     */
    public Groups(Predicate<String> onWhatsApp, BiPredicate<String, String> refusesAdditionBy, GroupNotifier notifier, Clock clock) {
        this(onWhatsApp, refusesAdditionBy, notifier, clock, number -> Optional.empty());
    }

    /** @param lidOf the LID of an account (by number), which LID-addressed groups name their members by */
    public Groups(Predicate<String> onWhatsApp, BiPredicate<String, String> refusesAdditionBy, GroupNotifier notifier, Clock clock,
                  Function<String, Optional<Jid>> lidOf) {
        this.lidOf = lidOf;
        this.onWhatsApp = onWhatsApp;
        this.refusesAdditionBy = refusesAdditionBy;
        this.notifier = notifier;
        this.clock = clock;
    }

    public Created create(String creator, String subject, List<String> participants) {
        return create(creator, subject, participants, false);
    }

    /** A new group; {@code lidAddressed}: one WhatsApp addresses by its members' LIDs ({@code addressing_mode="lid"}). */
    public Created create(String creator, String subject, List<String> participants, boolean lidAddressed) {
        if (subject == null || subject.isBlank()) {
            throw new GroupException(400, "A group needs a subject");
        }
        var group = new Group(newGroupId(), creator, subject.strip(), clock.instant(), lidAddressed);
        group.put(creator, GroupRole.SUPERADMIN);
        var results = participants.stream().distinct().filter(number -> !number.equals(creator))
                .map(number -> addOne(group, creator, number)).toList();
        groups.put(group.id(), group);
        notifier.notify(members(group), notification(group, creator, Node.of("create", GroupNodes.group(group, lidOf))));
        return new Created(group, results);
    }

    public Optional<Group> find(String groupId) {
        return Optional.ofNullable(groups.get(bare(groupId)));
    }

    /** The group's metadata, for one of its members. */
    public Group metadata(String actor, String groupId) {
        var group = existing(groupId);
        requireMember(group, actor);
        return group;
    }

    public List<Group> participating(String number) {
        return groups.values().stream().filter(group -> group.role(number).isPresent())
                .sorted(java.util.Comparator.comparing(Group::creation).thenComparing(Group::id)).toList();
    }

    /** {@code action} is add, remove, promote or demote; only admins may, but any member adds under {@code all_member_add}. */
    public List<ParticipantResult> changeParticipants(String actor, String groupId, String action, List<String> numbers) {
        var group = existing(groupId);
        if (action.equals("add") && group.memberAddMode().equals(ALL_MEMBER_ADD)) {
            requireMember(group, actor);
        } else {
            requireAdmin(group, actor);
        }
        var removed = new HashSet<String>();
        List<ParticipantResult> results;
        synchronized (group) {
            results = numbers.stream().distinct().map(number -> switch (action) {
                case "add" -> addOne(group, actor, number);
                case "remove" -> {
                    var result = removeOne(group, number);
                    if (result.done()) {
                        removed.add(number);
                    }
                    yield result;
                }
                case "promote" -> setRole(group, number, GroupRole.ADMIN);
                case "demote" -> setRole(group, number, GroupRole.MEMBER);
                default -> throw new GroupException(400, "Unknown participant action " + action);
            }).toList();
        }
        var done = results.stream().filter(ParticipantResult::done).toList();
        if (!done.isEmpty()) {
            var told = new ArrayList<>(members(group));
            told.addAll(removed);
            notifier.notify(told, notification(group, actor, GroupNodes.participants(group, action, done, lidOf)));
        }
        return results;
    }

    public void setSubject(String actor, String groupId, String subject) {
        if (subject == null || subject.isBlank()) {
            throw new GroupException(400, "A group needs a subject");
        }
        var group = existing(groupId);
        requireEditor(group, actor);
        group.setSubject(subject.strip(), actor, clock.instant());
        var subjectAttributes = new LinkedHashMap<String, Object>(Map.of("subject", group.subject(), "s_t", group.subjectTime().getEpochSecond()));
        subjectAttributes.putAll(GroupNodes.member(group, actor, lidOf, "s_o"));
        notifier.notify(members(group), notification(group, actor, Node.of("subject", subjectAttributes)));
    }

    /** A null or blank description deletes it. */
    public void setDescription(String actor, String groupId, String description) {
        var group = existing(groupId);
        requireEditor(group, actor);
        var cleared = description == null || description.isBlank();
        var id = newHex(8);
        group.setDescription(cleared ? null : description, cleared ? null : id);
        var node = cleared ? Node.of("description", Map.of("id", id), Node.of("delete"))
                : GroupNodes.description(id, description);
        notifier.notify(members(group), notification(group, actor, node));
    }

    /** Only admins may post when {@code announce}; only admins may edit the group's info when {@code locked}. */
    public void setAnnounce(String actor, String groupId, boolean announce) {
        var group = existing(groupId);
        requireAdmin(group, actor);
        group.setAnnounce(announce);
        notifier.notify(members(group), notification(group, actor, Node.of(announce ? "announcement" : "not_announcement")));
    }

    public void setLocked(String actor, String groupId, boolean locked) {
        var group = existing(groupId);
        requireAdmin(group, actor);
        group.setLocked(locked);
        notifier.notify(members(group), notification(group, actor, Node.of(locked ? "locked" : "unlocked")));
    }

    /** {@code admin_add}: only admins add members; {@code all_member_add}: every member may (removing stays with admins). */
    public void setMemberAddMode(String actor, String groupId, String mode) {
        if (!List.of(ADMIN_ADD, ALL_MEMBER_ADD).contains(mode)) {
            throw new GroupException(400, "member_add_mode is admin_add or all_member_add, got " + mode);
        }
        var group = existing(groupId);
        requireAdmin(group, actor);
        group.setMemberAddMode(mode);
        notifier.notify(members(group), notification(group, actor, GroupNodes.memberAddMode(mode)));
    }

    public void leave(String actor, String groupId) {
        var group = existing(groupId);
        requireMember(group, actor);
        var told = members(group);
        group.remove(actor);
        notifier.notify(told, notification(group, actor, Node.of("leave", GroupNodes.participant(actor, GroupRole.MEMBER))));
    }

    /** The group's invite code, made on first use; only admins may read it. */
    public String inviteCode(String actor, String groupId) {
        var group = existing(groupId);
        requireAdmin(group, actor);
        synchronized (group) {
            return group.inviteCode().orElseGet(() -> {
                var code = newCode();
                group.setInviteCode(code);
                return code;
            });
        }
    }

    /** Replaces the invite code: the old one no longer lets anyone in (410 gone), unlike a code never made (406). */
    public String revokeInviteCode(String actor, String groupId) {
        var group = existing(groupId);
        requireAdmin(group, actor);
        var code = newCode();
        group.inviteCode().ifPresent(revokedCodes::add);
        group.setInviteCode(code);
        return code;
    }

    /** The group an invite code opens, shown to anyone who has the code. */
    public Group invitedTo(String code) {
        if (revokedCodes.contains(code)) {
            throw new GroupException(410, "The invite code " + code + " was revoked");
        }
        return groups.values().stream().filter(candidate -> candidate.inviteCode().filter(code::equals).isPresent())
                .findFirst().orElseThrow(() -> new GroupException(406, "No group has the invite code " + code));
    }

    /**
     * Joins by invite code; while the group requires approval, the account is not added but asks to join (an admin
     * approves or rejects it): then it is not among the group's participants.
     */
    public Group join(String number, String code) {
        var group = invitedTo(code);
        if (group.role(number).isPresent()) {
            throw new GroupException(409, number + " is already in " + group.jid());
        }
        if (group.joinApproval()) {
            group.addJoinRequest(number, clock.instant());
            notifier.notify(admins(group), notification(group, number, Node.of("created_membership_requests",
                    Map.of("request_method", "invite_link"), Node.of("requested_user", Map.of("jid", GroupNodes.user(number))))));
            return group;
        }
        group.put(number, GroupRole.MEMBER);
        notifier.notify(members(group), notification(group, number,
                Node.of("add", Map.of("reason", "invite"), GroupNodes.named(group, GroupNodes.participant(number, GroupRole.MEMBER), lidOf))));
        return group;
    }

    /** Messages disappear after {@code seconds} (0: they stay); WhatsApp offers 24 hours, 7 days and 90 days. */
    public void setEphemeral(String actor, String groupId, long seconds) {
        if (seconds != 0 && !EPHEMERAL_DURATIONS.contains(seconds)) {
            throw new GroupException(400, "Messages disappear after " + EPHEMERAL_DURATIONS + " seconds, or never (0)");
        }
        var group = existing(groupId);
        requireEditor(group, actor);
        group.setEphemeralSeconds(seconds);
        notifier.notify(members(group), notification(group, actor,
                seconds == 0 ? Node.of("not_ephemeral") : Node.of("ephemeral", Map.of("expiration", seconds))));
    }

    /** Whether joining by link needs an admin's approval; turning it off lets those who asked in. */
    public void setJoinApproval(String actor, String groupId, boolean required) {
        var group = existing(groupId);
        requireAdmin(group, actor);
        group.setJoinApproval(required);
        notifier.notify(members(group), notification(group, actor, GroupNodes.membershipApprovalMode(required)));
        if (!required) {
            answerJoinRequests(actor, groupId, true, List.copyOf(group.joinRequests().keySet()));
        }
    }

    /** Who asks to join, for an admin. */
    public Map<String, java.time.Instant> joinRequests(String actor, String groupId) {
        var group = existing(groupId);
        requireAdmin(group, actor);
        return group.joinRequests();
    }

    /** An admin approves (the account is added) or rejects requests to join; 404 for an account that did not ask. */
    public List<ParticipantResult> answerJoinRequests(String actor, String groupId, boolean approve, List<String> numbers) {
        var group = existing(groupId);
        requireAdmin(group, actor);
        var results = numbers.stream().distinct().map(number -> {
            if (!group.removeJoinRequest(number)) {
                return new ParticipantResult(number, 404);
            }
            if (approve) {
                group.put(number, GroupRole.MEMBER);
            }
            return new ParticipantResult(number, 200);
        }).toList();
        var answered = results.stream().filter(ParticipantResult::done).toList();
        if (!answered.isEmpty() && approve) {
            notifier.notify(members(group), notification(group, actor, Node.of("add", Map.of("reason", "membership_approval"),
                    answered.stream().map(result -> GroupNodes.named(group, GroupNodes.participant(result.number(), GroupRole.MEMBER), lidOf)).toList())));
        } else if (!answered.isEmpty()) {
            notifier.notify(admins(group), notification(group, actor, Node.of("revoked_membership_requests",
                    answered.stream().map(result -> Node.of("participant", Map.of("jid", GroupNodes.user(result.number())))).toList())));
        }
        return results;
    }

    /**
     * A new picture ({@code null} removes it), which members see when they next ask for it; their devices are told by a
     * {@code picture} notification ({@code <set jid id author/>} or {@code <delete jid author/>}), as WhatsApp tells them.
     */
    public void setPicture(String actor, String groupId, Group.GroupPicture picture) {
        var group = existing(groupId);
        requireEditor(group, actor);
        group.setPicture(picture);
        var change = picture == null ? Node.of("delete", Map.of("jid", GroupNodes.groupJid(group), "author", GroupNodes.user(actor)))
                : Node.of("set", Map.of("jid", GroupNodes.groupJid(group), "id", picture.id(), "author", GroupNodes.user(actor)));
        notifier.notify(members(group), Node.of("notification", Map.of("from", GroupNodes.groupJid(group), "type", "picture",
                "id", newHex(8), "t", clock.instant().getEpochSecond()), change));
    }

    /**
     * A community with its announcements group (only admins post there), both with the creator as superadmin; answers
     * the community.
     */
    public Group createCommunity(String creator, String subject, String description) {
        var community = create(creator, subject, List.of()).group();
        community.makeCommunity();
        if (description != null && !description.isBlank()) {
            community.setDescription(description, newHex(8));
        }
        var announcements = create(creator, community.subject(), List.of()).group();
        announcements.setAnnounce(true);
        announcements.link(community.id(), true);
        return community;
    }

    /** Links groups the actor administers to a community the actor administers; answered per group (404 none, 401 not an admin, 409 linked elsewhere). */
    public List<ParticipantResult> linkGroups(String actor, String communityId, List<String> groupIds) {
        var community = existingCommunity(communityId);
        requireAdmin(community, actor);
        var results = groupIds.stream().distinct().map(groupId -> {
            var group = find(groupId);
            if (group.isEmpty() || group.get().community()) {
                return new ParticipantResult(bare(groupId), 404);
            }
            if (!group.get().role(actor).map(GroupRole::isAdmin).orElse(false)) {
                return new ParticipantResult(bare(groupId), 401);
            }
            if (group.get().parentId().filter(parent -> !parent.equals(community.id())).isPresent()) {
                return new ParticipantResult(bare(groupId), 409);
            }
            group.get().link(community.id(), false);
            var told = new java.util.LinkedHashSet<>(members(community));
            told.addAll(members(group.get()));
            notifier.notify(told, notification(community, actor, linkChange("link", group.get())));
            return new ParticipantResult(bare(groupId), 200);
        }).toList();
        return results;
    }

    public void unlinkGroup(String actor, String communityId, String groupId) {
        var community = existingCommunity(communityId);
        requireAdmin(community, actor);
        var group = existing(groupId);
        if (group.parentId().filter(community.id()::equals).isEmpty() || group.announcementsGroup()) {
            throw new GroupException(404, group.jid() + " is not a group linked to " + community.jid());
        }
        group.unlink();
        var told = new java.util.LinkedHashSet<>(members(community));
        told.addAll(members(group));
        notifier.notify(told, notification(community, actor, linkChange("unlink", group)));
    }

    /** The community's groups (its announcements group first), for one of its members or a member of one of them. */
    public List<Group> subGroups(String actor, String communityId) {
        var community = existingCommunity(communityId);
        var linked = groups.values().stream().filter(group -> group.parentId().filter(community.id()::equals).isPresent())
                .sorted(java.util.Comparator.comparing(Group::announcementsGroup).reversed().thenComparing(Group::creation)).toList();
        if (community.role(actor).isEmpty() && linked.stream().noneMatch(group -> group.role(actor).isPresent())) {
            throw new GroupException(403, actor + " is not a member of community " + community.jid());
        }
        return linked;
    }

    private Group existingCommunity(String communityId) {
        var community = existing(communityId);
        if (!community.community()) {
            throw new GroupException(400, community.jid() + " is not a community");
        }
        return community;
    }

    private static Node linkChange(String tag, Group group) {
        return Node.of(tag, Map.of(tag.equals("link") ? "link_type" : "unlink_type", "sub_group"), GroupNodes.linkTarget(group));
    }

    /** The group's admins (who are told of requests to join). */
    private static List<String> admins(Group group) {
        return group.participants().entrySet().stream().filter(entry -> entry.getValue().isAdmin()).map(Map.Entry::getKey).toList();
    }

    /** The accounts in the group now. */
    public Collection<String> members(Group group) {
        return group.participants().keySet();
    }

    /** The accounts that were in the group and are not now. */
    public Collection<String> formerMembers(Group group) {
        return group.formerParticipants();
    }

    private ParticipantResult addOne(Group group, String actor, String number) {
        if (!onWhatsApp.test(number)) {
            return new ParticipantResult(number, 404);
        }
        if (group.role(number).isPresent()) {
            return new ParticipantResult(number, 409);
        }
        if (refusesAdditionBy.test(number, actor)) {
            return new ParticipantResult(number, 403);
        }
        group.put(number, GroupRole.MEMBER);
        return new ParticipantResult(number, 200);
    }

    private static ParticipantResult removeOne(Group group, String number) {
        if (group.role(number).isEmpty()) {
            return new ParticipantResult(number, 404);
        }
        group.remove(number);
        return new ParticipantResult(number, 200);
    }

    private static ParticipantResult setRole(Group group, String number, GroupRole role) {
        var current = group.role(number);
        if (current.isEmpty()) {
            return new ParticipantResult(number, 404);
        }
        if (current.get() != GroupRole.SUPERADMIN) {
            group.put(number, role);
        }
        return new ParticipantResult(number, 200);
    }

    private Group existing(String groupId) {
        return find(groupId).orElseThrow(() -> new GroupException(404, "No group " + groupId));
    }

    private static void requireMember(Group group, String actor) {
        if (group.role(actor).isEmpty()) {
            throw new GroupException(403, actor + " is not a participant of " + group.jid());
        }
    }

    private static void requireAdmin(Group group, String actor) {
        requireMember(group, actor);
        if (!group.role(actor).orElseThrow().isAdmin()) {
            throw new GroupException(401, actor + " is not an admin of " + group.jid());
        }
    }

    private static void requireEditor(Group group, String actor) {
        if (group.locked()) {
            requireAdmin(group, actor);
        } else {
            requireMember(group, actor);
        }
    }

    private Node notification(Group group, String actor, Node change) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("from", GroupNodes.groupJid(group));
        attributes.put("type", "w:gp2");
        attributes.put("id", newHex(8));
        attributes.putAll(GroupNodes.member(group, actor, lidOf, "participant"));
        attributes.put("t", clock.instant().getEpochSecond());
        return Node.of("notification", attributes, change);
    }

    private static String bare(String groupId) {
        return ThreadIds.bare(groupId, "g.us");
    }

    private String newGroupId() {
        return ThreadIds.newId(groups::containsKey);
    }

    private static String newCode() {
        return ThreadIds.randomCode(22);
    }

    private static String newHex(int bytes) {
        var random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().withUpperCase().formatHex(random);
    }
}
