package io.kubezap.simulator.group;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code w:g2} answer and {@code w:gp2} notification nodes, shaped as WhatsApp's group server sends them. */
public final class GroupNodes {
    private GroupNodes() {
    }

    public static Jid user(String number) {
        return Jid.of(number + "@s.whatsapp.net");
    }

    public static Jid groupJid(Group group) {
        return Jid.of(group.jid());
    }

    /** {@code <group id=… creator=… creation=… subject=… s_o=… s_t=… size=…>} with participants, description and settings. */
    public static Node group(Group group) {
        return group(group, number -> java.util.Optional.empty());
    }

    /**
     * The metadata as WhatsApp answers a {@code w:g2} query. In a group addressed by number each participant's
     * {@code lid} (from {@code lidOf}) is next to its number's JID; in a LID-addressed group
     * ({@code addressing_mode="lid"}) members are named by their LIDs, each number beside it ({@code phone_number},
     * {@code creator_pn}, {@code s_o_pn}).
     */
    public static Node group(Group group, java.util.function.Function<String, java.util.Optional<Jid>> lidOf) {
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put("id", group.id());
        attributes.putAll(member(group, group.creator(), lidOf, "creator"));
        attributes.put("creation", group.creation().getEpochSecond());
        attributes.put("subject", group.subject());
        attributes.putAll(member(group, group.subjectOwner(), lidOf, "s_o"));
        attributes.put("s_t", group.subjectTime().getEpochSecond());
        attributes.put("size", group.participantList().size());
        if (group.lidAddressed()) {
            attributes.put("addressing_mode", "lid");
        }
        var children = new ArrayList<Node>();
        group.participantList().forEach(entry -> children.add(group.lidAddressed()
                ? byLid(participant(entry.getKey(), entry.getValue()), lidOf.apply(entry.getKey()))
                : withLid(participant(entry.getKey(), entry.getValue()), lidOf.apply(entry.getKey()))));
        group.description().ifPresent(text -> children.add(description(group.descriptionId().orElseThrow(), text)));
        if (group.announce()) {
            children.add(Node.of("announcement"));
        }
        if (group.locked()) {
            children.add(Node.of("locked"));
        }
        children.add(memberAddMode(group.memberAddMode()));
        if (group.ephemeralSeconds() > 0) {
            children.add(Node.of("ephemeral", Map.of("expiration", group.ephemeralSeconds())));
        }
        if (group.joinApproval()) {
            children.add(membershipApprovalMode(true));
        }
        if (group.community()) {
            children.add(Node.of("parent", Map.of("default_membership_approval_mode", "request_required")));
        }
        group.parentId().ifPresent(parent -> children.add(Node.of("linked_parent", Map.of("jid", Jid.of(parent + "@g.us")))));
        if (group.announcementsGroup()) {
            children.add(Node.of("default_sub_group"));
        }
        return Node.of("group", attributes, children);
    }

    public static Node participant(String number, GroupRole role) {
        return role.type() == null ? Node.of("participant", Map.of("jid", user(number)))
                : Node.of("participant", Map.of("jid", user(number), "type", role.type()));
    }

    /**
     * How a group names one of its members in attribute {@code name}: the number's JID, or in a LID-addressed group
     * the member's LID with the number in {@code <name>_pn} (as {@code participant}/{@code participant_pn}).
     */
    public static Map<String, Object> member(Group group, String number, java.util.function.Function<String, java.util.Optional<Jid>> lidOf,
                                             String name) {
        var lid = group.lidAddressed() ? lidOf.apply(number) : java.util.Optional.<Jid>empty();
        var attributes = new LinkedHashMap<String, Object>();
        attributes.put(name, lid.isPresent() ? lid.get() : user(number));
        lid.ifPresent(ignored -> attributes.put(name + "_pn", user(number)));
        return attributes;
    }

    private static Node byLid(Node participant, java.util.Optional<Jid> lid) {
        if (lid.isEmpty()) {
            return participant;
        }
        var attributes = new LinkedHashMap<String, Object>(participant.attributes().toMap());
        attributes.put("phone_number", attributes.get("jid"));
        attributes.put("jid", lid.get());
        return Node.of("participant", attributes);
    }

    private static Node withLid(Node participant, java.util.Optional<Jid> lid) {
        if (lid.isEmpty()) {
            return participant;
        }
        var attributes = new LinkedHashMap<String, Object>(participant.attributes().toMap());
        attributes.put("lid", lid.get());
        return Node.of("participant", attributes);
    }

    public static Node participants(String action, List<ParticipantResult> results) {
        var children = results.stream().map(result -> result.done()
                ? Node.of("participant", Map.of("jid", user(result.number())))
                : Node.of("participant", Map.of("jid", user(result.number()), "error", String.valueOf(result.code())))).toList();
        return Node.of(action, children);
    }

    /**
     * A participant change as a {@code w:gp2} notification tells it: each participant named as the group names its
     * members ({@link #named}).
     */
    public static Node participants(Group group, String action, List<ParticipantResult> results,
                                    java.util.function.Function<String, java.util.Optional<Jid>> lidOf) {
        var children = results.stream().map(result -> named(group, result.done()
                ? Node.of("participant", Map.of("jid", user(result.number())))
                : Node.of("participant", Map.of("jid", user(result.number()), "error", String.valueOf(result.code()))), lidOf)).toList();
        return Node.of(action, children);
    }

    /**
     * A {@code <participant jid=number>} as the group names it: by LID with {@code phone_number} in a LID-addressed
     * group, else by number with {@code lid} beside (as Baileys 7 and whatsmeow read notifications and metadata).
     */
    public static Node named(Group group, Node participant, java.util.function.Function<String, java.util.Optional<Jid>> lidOf) {
        var lid = participant.attributes().getOptionalJid("jid").flatMap(jid -> lidOf.apply(jid.user()));
        return group.lidAddressed() ? byLid(participant, lid) : withLid(participant, lid);
    }

    /** {@code <membership_approval_mode><group_join state="on|off"/></membership_approval_mode>}. */
    public static Node membershipApprovalMode(boolean on) {
        return Node.of("membership_approval_mode", Node.of("group_join", Map.of("state", on ? "on" : "off")));
    }

    /** A group as a community lists it: {@code <group jid subject s_t>}, with {@code <default_sub_group/>} for its announcements group. */
    public static Node linkTarget(Group group) {
        var attributes = Map.<String, Object>of("jid", groupJid(group), "subject", group.subject(), "s_t", group.subjectTime().getEpochSecond());
        return group.announcementsGroup() ? Node.of("group", attributes, Node.of("default_sub_group")) : Node.of("group", attributes);
    }

    /** {@code <member_add_mode>admin_add|all_member_add</member_add_mode>}. */
    public static Node memberAddMode(String mode) {
        return Node.of("member_add_mode", mode.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static Node description(String id, String text) {
        return Node.of("description", Map.of("id", id), Node.of("body", text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
