package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.GroupChange;
import io.kubezap.session.engine.GroupInfo;
import it.auties.whatsapp.model.jid.Jid;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads WhatsApp's group nodes: a {@code <group>} (answers to {@code w:g2} queries, {@code create} notifications), the
 * {@code w:gp2} notifications the group server sends every member's devices, one change per child (requests to join go to
 * its admins), and the {@code picture} notification of a group's new picture.
 */
final class GroupNodes {

    private static final String GROUP_SERVER = "g.us";

    private GroupNodes() {
    }

    static GroupInfo group(NodeView group) {
        var participants = group.children("participant").stream()
                .map(child -> new GroupInfo.Participant(jid(child, "jid"), child.attribute("type").orElse("member"))).toList();
        var description = group.child("description").flatMap(node -> node.child("body")).map(NodeView::content).orElse(null);
        return new GroupInfo(group.attribute("id").orElse("") + "@g.us", group.attribute("subject").orElse(""),
                description, group.attribute("creator").map(GroupNodes::simple).orElse(null),
                group.child("announcement").isPresent(), group.child("locked").isPresent(), participants,
                group.child("ephemeral").flatMap(node -> node.attribute("expiration")).map(Long::parseLong).orElse(0L),
                group.child("membership_approval_mode").isPresent()
                        && group.child("membership_approval_mode").flatMap(mode -> mode.child("group_join"))
                        .flatMap(join -> join.attribute("state")).filter("off"::equals).isEmpty(),
                group.child("parent").isPresent(),
                group.child("linked_parent").flatMap(node -> node.attribute("jid")).orElse(null),
                group.child("default_sub_group").isPresent(),
                group.child("member_add_mode").map(NodeView::content).orElse(GroupInfo.ADMIN_ADD));
    }

    /** The groups a community lists ({@code <sub_groups>}): {@code <group jid|id subject>}, its announcements group marked. */
    static List<GroupInfo.Linked> linked(NodeView subGroups) {
        return subGroups.children("group").stream().map(group -> new GroupInfo.Linked(
                group.attribute("jid").orElseGet(() -> group.attribute("id").orElse("") + "@g.us"),
                group.attribute("subject").orElse(""), group.child("default_sub_group").isPresent())).toList();
    }

    /** Whether {@code node} is a notification about a group: {@code w:gp2}, or a group's {@code picture}. */
    static boolean isGroupNotification(NodeView node) {
        var type = node.attribute("type").orElse("");
        return node.tag().equals("notification") && (type.equals("w:gp2")
                || type.equals("picture") && node.attribute("from").filter(from -> from.endsWith("@" + GROUP_SERVER)).isPresent());
    }

    static Optional<EngineEvent.GroupNotified> notification(NodeView node, Instant receivedAt) {
        if (!isGroupNotification(node)) {
            return Optional.empty();
        }
        var group = node.attribute("from");
        var picture = node.attribute("type").filter("picture"::equals).isPresent();
        var actor = picture ? node.children().stream().flatMap(child -> child.attribute("author").stream()).findFirst()
                .or(() -> node.attribute("participant")).map(GroupNodes::simple).orElse(null)
                : node.attribute("participant").map(GroupNodes::simple).orElse(null);
        var changes = node.children().stream().map(child -> picture ? picture(child) : change(child, actor))
                .flatMap(Optional::stream).toList();
        if (group.isEmpty() || changes.isEmpty()) {
            return Optional.empty();
        }
        var at = node.attribute("t").map(Long::parseLong).map(Instant::ofEpochSecond).orElse(receivedAt);
        return Optional.of(new EngineEvent.GroupNotified(node.attribute("id").orElse(null), simple(group.get()), actor, at, changes));
    }

    /** A {@code picture} notification's {@code <set id>} (or {@code <add id>}) and {@code <delete>}, as whatsmeow reads them. */
    private static Optional<GroupChange> picture(NodeView change) {
        return switch (change.tag()) {
            case "set", "add" -> Optional.of(new GroupChange.Picture(change.attribute("id").orElse(null)));
            case "delete" -> Optional.of(new GroupChange.Picture(null));
            default -> Optional.empty();
        };
    }

    /** {@code actor}: who the notification names ({@code participant}), null when it names nobody. */
    private static Optional<GroupChange> change(NodeView change, String actor) {
        return switch (change.tag()) {
            case "create" -> change.child("group").map(group -> new GroupChange.Created(group(group)));
            case "add", "remove", "promote", "demote", "leave" -> Optional.of(new GroupChange.Participants(change.tag(),
                    change.children("participant").stream().map(child -> jid(child, "jid")).filter(jid -> !jid.isEmpty()).toList(),
                    change.attribute("reason").orElse(null)));
            case "subject" -> Optional.of(new GroupChange.Subject(change.attribute("subject").orElse("")));
            case "description" -> Optional.of(new GroupChange.Description(
                    change.child("delete").isPresent() || change.attribute("delete").filter("true"::equals).isPresent()
                            ? null : change.child("body").map(NodeView::content).orElse(null)));
            case "announcement", "not_announcement" -> Optional.of(new GroupChange.Announce(change.tag().equals("announcement")));
            case "locked", "unlocked" -> Optional.of(new GroupChange.Locked(change.tag().equals("locked")));
            case "ephemeral" -> Optional.of(new GroupChange.Ephemeral(change.attribute("expiration").map(Long::parseLong).orElse(0L)));
            case "not_ephemeral" -> Optional.of(new GroupChange.Ephemeral(0));
            case "member_add_mode" -> Optional.ofNullable(change.content()).map(GroupChange.MemberAddMode::new);
            case "membership_approval_mode" -> Optional.of(new GroupChange.JoinApproval(change.child("group_join")
                    .flatMap(join -> join.attribute("state")).filter("off"::equals).isEmpty()));
            case "created_membership_requests" -> Optional.of(new GroupChange.JoinRequests("requested",
                    jids(change, "requested_user"), change.attribute("request_method").orElse(null)));
            case "membership_approval_request" -> Optional.ofNullable(actor).map(asker -> new GroupChange.JoinRequests("requested",
                    List.of(asker), change.attribute("request_method").orElse(null)));
            case "revoked_membership_requests" -> {
                var participants = jids(change, "participant");
                yield Optional.of(new GroupChange.JoinRequests(participants.contains(actor) ? "cancelled" : "rejected",
                        participants, null));
            }
            case "link", "unlink" -> change.child("group").flatMap(group -> group.attribute("jid"))
                    .map(group -> new GroupChange.Link(simple(group), change.tag().equals("link")));
            default -> Optional.empty();
        };
    }

    private static List<String> jids(NodeView change, String tag) {
        return change.children(tag).stream().map(child -> jid(child, "jid")).filter(jid -> !jid.isEmpty()).toList();
    }

    private static String jid(NodeView node, String attribute) {
        return node.attribute(attribute).map(GroupNodes::simple).orElse("");
    }

    /** Without a device part: {@code 5511…:3@s.whatsapp.net} is the account {@code 5511…@s.whatsapp.net}. */
    private static String simple(String jid) {
        return Jid.of(jid).toSimpleJid().toString();
    }

    static List<GroupInfo> groups(NodeView groups) {
        return groups.children("group").stream().map(GroupNodes::group).toList();
    }
}
