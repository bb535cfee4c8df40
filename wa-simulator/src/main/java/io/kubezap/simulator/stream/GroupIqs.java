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
 * {@code leave} and {@code invite code=…} ({@code get}: the group it opens; {@code set}: join) to {@code g.us}. A refusal is an IQ error with WhatsApp's code.
 */
final class GroupIqs {
    private final Groups groups;
    private final io.kubezap.simulator.phone.PhoneDirectory phones;

    GroupIqs(Groups groups, io.kubezap.simulator.phone.PhoneDirectory phones) {
        this.groups = groups;
        this.phones = phones;
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
                var created = groups.create(actor, request.attributes().getString("subject", ""), numbers(request));
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
                yield ServerNodes.result(iq, Node.of("group", Map.of("jid", GroupNodes.groupJid(group))));
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
