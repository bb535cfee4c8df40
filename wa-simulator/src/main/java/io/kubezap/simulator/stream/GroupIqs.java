package io.kubezap.simulator.stream;

import io.kubezap.simulator.group.GroupException;
import io.kubezap.simulator.group.GroupNodes;
import io.kubezap.simulator.group.Groups;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code w:g2} IQs a companion sends to WhatsApp's group server: {@code create}, {@code query} (metadata) and
 * {@code participating} (to {@code g.us}), {@code add|remove|promote|demote}, {@code subject}, {@code description},
 * {@code announcement|not_announcement|locked|unlocked}, {@code invite} (get, or set to revoke) to a group,
 * {@code leave} and {@code invite code=…} ({@code get}: the group it opens; {@code set}: join — or, while the group
 * requires approval, ask to: answered {@code <membership_approval_request jid/>}) to {@code g.us}; {@code create} with
 * {@code <parent/>} makes a community (with its announcements group); to a group {@code ephemeral expiration=…} /
 * {@code not_ephemeral}, {@code member_add_mode}, {@code membership_approval_mode}, {@code membership_approval_requests} (get),
 * {@code membership_requests_action} ({@code approve|reject}), and to a community {@code links}, {@code unlink},
 * {@code sub_groups}. A refusal is an IQ error with WhatsApp's code.
 */
final class GroupIqs {
    private final Groups groups;
    private final io.kubezap.simulator.phone.PhoneDirectory phones;
    private final AccountProfiles pictures;

    GroupIqs(Groups groups, io.kubezap.simulator.phone.PhoneDirectory phones, AccountProfiles pictures) {
        this.groups = groups;
        this.phones = phones;
        this.pictures = pictures;
    }

    /**
     * {@code w:profile:picture} set with a group's {@code target}: its new picture (a JPEG; no content removes it), for
     * any member unless the group is locked; and get: the group's picture, for its members.
     */
    Optional<Node> answerPicture(ChatSession session, Node iq) {
        var target = iq.attributes().getOptionalJid("target").filter(jid -> jid.server().toString().equals("g.us"));
        if (!"w:profile:picture".equals(iq.attributes().getString("xmlns", "")) || target.isEmpty() || session.deviceJid().isEmpty()) {
            return Optional.empty();
        }
        var actor = session.deviceJid().get().user();
        try {
            if ("get".equals(iq.attributes().getString("type", ""))) {
                var picture = groups.metadata(actor, target.get().toString()).picture()
                        .orElseThrow(() -> new GroupException(404, "item-not-found"));
                return Optional.of(ServerNodes.result(iq, ProfilePictures.picture(picture.id(), picture.url(), picture.directPath())));
            }
            var jpeg = iq.findChild("picture").flatMap(Node::contentAsBytes).filter(bytes -> bytes.length > 0);
            var picture = jpeg.map(pictures::stored).orElse(null);
            groups.setPicture(actor, target.get().toString(), picture);
            return Optional.of(picture == null ? ServerNodes.result(iq)
                    : ServerNodes.result(iq, Node.of("picture", ServerNodes.attributes("id", picture.id()))));
        } catch (GroupException refused) {
            return Optional.of(ServerNodes.error(iq, refused.code(), refused.text()));
        }
    }

    /** The participant's LID, as WhatsApp lists it in metadata answers. */
    private Node metadata(io.kubezap.simulator.group.Group group) {
        return GroupNodes.group(group, number -> phones.find(number).map(io.kubezap.simulator.phone.SimulatedPhone::lid));
    }

    Optional<Node> answer(ChatSession session, Node iq) {
        if (!"w:g2".equals(iq.attributes().getString("xmlns", "")) || session.deviceJid().isEmpty()) {
            return Optional.empty();
        }
        var actor = session.deviceJid().get().user();
        var to = iq.attributes().getString("to", "g.us");
        var request = iq.children().peekFirst();
        if (request == null) {
            return Optional.of(ServerNodes.error(iq, 400, "bad-request"));
        }
        try {
            return Optional.of(to.endsWith("@g.us") ? onGroup(iq, actor, to, request) : onServer(iq, actor, request));
        } catch (GroupException refused) {
            return Optional.of(ServerNodes.error(iq, refused.code(), refused.text()));
        }
    }

    private Node onServer(Node iq, String actor, Node request) {
        return switch (request.description()) {
            case "create" -> {
                var subject = request.attributes().getString("subject", "");
                if (request.findChild("parent").isPresent()) {
                    var description = request.findChild("description").flatMap(node -> node.findChild("body")).map(GroupIqs::text).orElse(null);
                    yield ServerNodes.result(iq, metadata(groups.createCommunity(actor, subject, description)));
                }
                var created = groups.create(actor, subject, numbers(request));
                yield ServerNodes.result(iq, metadata(created.group()));
            }
            case "participating" -> ServerNodes.result(iq, Node.of("groups",
                    groups.participating(actor).stream().map(GroupNodes::group).toList()));
            case "leave" -> {
                request.children().stream().filter(child -> child.description().equals("group"))
                        .forEach(group -> groups.leave(actor, group.attributes().getString("id", "")));
                yield ServerNodes.result(iq);
            }
            case "invite" -> {
                var code = request.attributes().getString("code", "");
                if (!"set".equals(iq.attributes().getString("type", ""))) {
                    yield ServerNodes.result(iq, GroupNodes.group(groups.invitedTo(code)));
                }
                var group = groups.join(actor, code);
                yield ServerNodes.result(iq, group.role(actor).isPresent() ? Node.of("group", Map.of("jid", GroupNodes.groupJid(group)))
                        : Node.of("membership_approval_request", Map.of("jid", GroupNodes.groupJid(group))));
            }
            default -> ServerNodes.error(iq, 400, "bad-request");
        };
    }

    private Node onGroup(Node iq, String actor, String groupJid, Node request) {
        var set = "set".equals(iq.attributes().getString("type", ""));
        return switch (request.description()) {
            case "query" -> ServerNodes.result(iq, metadata(groups.metadata(actor, groupJid)));
            case "add", "remove", "promote", "demote" -> ServerNodes.result(iq, GroupNodes.participants(request.description(),
                    groups.changeParticipants(actor, groupJid, request.description(), numbers(request))));
            case "subject" -> {
                groups.setSubject(actor, groupJid, text(request));
                yield ServerNodes.result(iq);
            }
            case "description" -> {
                groups.setDescription(actor, groupJid, request.findChild("delete").isPresent()
                        || "true".equals(request.attributes().getString("delete", "")) ? null
                        : request.findChild("body").map(GroupIqs::text).orElse(null));
                yield ServerNodes.result(iq);
            }
            case "announcement", "not_announcement" -> {
                groups.setAnnounce(actor, groupJid, request.description().equals("announcement"));
                yield ServerNodes.result(iq);
            }
            case "locked", "unlocked" -> {
                groups.setLocked(actor, groupJid, request.description().equals("locked"));
                yield ServerNodes.result(iq);
            }
            case "invite" -> ServerNodes.result(iq, Node.of("invite", Map.of("code",
                    set ? groups.revokeInviteCode(actor, groupJid) : groups.inviteCode(actor, groupJid))));
            case "ephemeral", "not_ephemeral" -> {
                groups.setEphemeral(actor, groupJid, request.description().equals("ephemeral")
                        ? request.attributes().getLong("expiration") : 0);
                yield ServerNodes.result(iq);
            }
            case "member_add_mode" -> {
                groups.setMemberAddMode(actor, groupJid, text(request));
                yield ServerNodes.result(iq);
            }
            case "membership_approval_mode" -> {
                groups.setJoinApproval(actor, groupJid, request.findChild("group_join")
                        .map(join -> join.attributes().getString("state", "")).filter("on"::equals).isPresent());
                yield ServerNodes.result(iq);
            }
            case "membership_approval_requests" -> ServerNodes.result(iq, Node.of("membership_approval_requests",
                    groups.joinRequests(actor, groupJid).entrySet().stream().map(asked -> Node.of("membership_approval_request",
                            Map.of("jid", GroupNodes.user(asked.getKey()), "request_time", asked.getValue().getEpochSecond()))).toList()));
            case "membership_requests_action" -> {
                var action = request.children().peekFirst();
                if (action == null || !List.of("approve", "reject").contains(action.description())) {
                    yield ServerNodes.error(iq, 400, "bad-request");
                }
                var results = groups.answerJoinRequests(actor, groupJid, action.description().equals("approve"), numbers(action));
                yield ServerNodes.result(iq, Node.of("membership_requests_action", GroupNodes.participants(action.description(), results)));
            }
            case "links" -> {
                var asked = request.children().stream().flatMap(link -> link.listChildren("group").stream())
                        .map(group -> group.attributes().getOptionalJid("jid").map(Jid::user).orElse("")).toList();
                var results = groups.linkGroups(actor, groupJid, asked);
                yield ServerNodes.result(iq, Node.of("links", Node.of("link", Map.of("link_type", "sub_group"), results.stream()
                        .map(result -> result.done() ? Node.of("group", Map.of("jid", Jid.of(result.number() + "@g.us")))
                                : Node.of("group", Map.of("jid", Jid.of(result.number() + "@g.us"), "error", String.valueOf(result.code()))))
                        .toList())));
            }
            case "unlink" -> {
                request.listChildren("group").forEach(group -> groups.unlinkGroup(actor, groupJid,
                        group.attributes().getOptionalJid("jid").map(Jid::user).orElse("")));
                yield ServerNodes.result(iq);
            }
            case "sub_groups" -> ServerNodes.result(iq, Node.of("sub_groups",
                    groups.subGroups(actor, groupJid).stream().map(GroupNodes::linkTarget).toList()));
            default -> ServerNodes.error(iq, 400, "bad-request");
        };
    }

    private static List<String> numbers(Node request) {
        return request.children().stream().filter(child -> child.description().equals("participant"))
                .map(child -> child.attributes().getOptionalJid("jid").map(Jid::user).orElse(""))
                .filter(number -> !number.isEmpty()).toList();
    }

    private static String text(Node node) {
        return node.contentAsBytes().map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                .or(node::contentAsString).orElse("");
    }
}
