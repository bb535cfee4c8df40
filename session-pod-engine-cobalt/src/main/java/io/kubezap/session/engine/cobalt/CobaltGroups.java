package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.GroupRefusedException;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import io.kubezap.session.host.scope.PerSession;
import jakarta.enterprise.inject.Typed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The group server through {@code w:g2} IQs sent as they are: Cobalt 0.0.10's group calls answer metadata from a cache
 * that notifications do not refresh and drop the per-participant answers, so the adapter asks WhatsApp itself.
 */
@PerSession
@Typed(CobaltGroups.class)
public class CobaltGroups implements GroupEngine {
    private static final String GROUP_SERVER = "g.us";

    private final CobaltEngine engine;

    public CobaltGroups(CobaltEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<GroupInfo> create(String subject, List<String> participants) {
        var children = participants.stream().map(CobaltGroups::participant).toArray(Node[]::new);
        var create = Node.of("create", Map.of("subject", subject, "key", newId()), children);
        return query(GROUP_SERVER, "set", create).thenApply(answer -> group(answer.findChild("group").orElseThrow()));
    }

    @Override
    public CompletionStage<GroupInfo> metadata(String groupJid) {
        return query(groupJid, "get", Node.of("query", Map.of("request", "interactive")))
                .thenApply(answer -> group(answer.findChild("group").orElseThrow()));
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> changeParticipants(String groupJid, String action, List<String> participants) {
        var request = Node.of(action, participants.stream().map(CobaltGroups::participant).toArray(Node[]::new));
        return query(groupJid, "set", request).thenApply(answer -> answer.findChild(action).map(Node::children).orElseThrow()
                .stream().map(CobaltGroups::outcome).toList());
    }

    @Override
    public CompletionStage<Void> leave(String groupJid) {
        var leave = Node.of("leave", Node.of("group", Map.of("id", Jid.of(groupJid))));
        return set(GROUP_SERVER, leave);
    }

    @Override
    public CompletionStage<Void> setSubject(String groupJid, String subject) {
        return set(groupJid, Node.of("subject", subject.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public CompletionStage<Void> setDescription(String groupJid, String description) {
        var id = newId();
        return set(groupJid, description == null ? Node.of("description", Map.of("id", id, "delete", "true"))
                : Node.of("description", Map.of("id", id), Node.of("body", description.getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public CompletionStage<Void> setAnnounce(String groupJid, boolean announce) {
        return set(groupJid, Node.of(announce ? "announcement" : "not_announcement"));
    }

    @Override
    public CompletionStage<Void> setLocked(String groupJid, boolean locked) {
        return set(groupJid, Node.of(locked ? "locked" : "unlocked"));
    }

    @Override
    public CompletionStage<Void> setMemberAddMode(String groupJid, String mode) {
        return set(groupJid, Node.of("member_add_mode", mode.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public CompletionStage<List<GroupInfo>> participating() {
        var request = Node.of("participating", Node.of("participants"), Node.of("description"));
        return query(GROUP_SERVER, "get", request).thenApply(answer -> answer.findChild("groups")
                .map(groups -> GroupNodes.groups(CobaltNodes.view(groups))).orElse(List.of()));
    }

    @Override
    public CompletionStage<String> inviteCode(String groupJid, boolean revoke) {
        return query(groupJid, revoke ? "set" : "get", Node.of("invite"))
                .thenApply(answer -> answer.findChild("invite").orElseThrow().attributes().getString("code", ""));
    }

    @Override
    public CompletionStage<GroupInfo.Joining> join(String code) {
        return query(GROUP_SERVER, "set", Node.of("invite", Map.of("code", code))).thenApply(answer -> answer
                .findChild("membership_approval_request").map(asked -> new GroupInfo.Joining(jid(asked, "jid"), true))
                .orElseGet(() -> new GroupInfo.Joining(jid(answer.findChild("group").orElseThrow(), "jid"), false)));
    }

    @Override
    public CompletionStage<GroupInfo> invitePreview(String code) {
        return query(GROUP_SERVER, "get", Node.of("invite", Map.of("code", code)))
                .thenApply(answer -> group(answer.findChild("group").orElseThrow()));
    }

    @Override
    public CompletionStage<Void> setPicture(String groupJid, byte[] jpeg) {
        return CobaltAccount.picture(engine, Map.of("target", Jid.of(groupJid)), jpeg).handle((answer, failure) -> {
            if (failure != null) {
                throw refusal(failure);
            }
            return null;
        });
    }

    @Override
    public CompletionStage<Void> setEphemeral(String groupJid, long seconds) {
        return set(groupJid, seconds == 0 ? Node.of("not_ephemeral") : Node.of("ephemeral", Map.of("expiration", seconds)));
    }

    @Override
    public CompletionStage<Void> setJoinApproval(String groupJid, boolean required) {
        return set(groupJid, Node.of("membership_approval_mode", Node.of("group_join", Map.of("state", required ? "on" : "off"))));
    }

    @Override
    public CompletionStage<List<GroupInfo.JoinRequest>> joinRequests(String groupJid) {
        return query(groupJid, "get", Node.of("membership_approval_requests")).thenApply(answer -> answer
                .findChild("membership_approval_requests").map(requests -> requests.listChildren("membership_approval_request"))
                .orElse(List.of()).stream().map(asked -> new GroupInfo.JoinRequest(jid(asked, "jid"),
                        java.time.Instant.ofEpochSecond(asked.attributes().getLong("request_time")))).toList());
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> answerJoinRequests(String groupJid, boolean approve, List<String> participants) {
        var action = approve ? "approve" : "reject";
        var request = Node.of("membership_requests_action",
                Node.of(action, participants.stream().map(CobaltGroups::participant).toArray(Node[]::new)));
        return query(groupJid, "set", request).thenApply(answer -> answer.findChild("membership_requests_action")
                .flatMap(done -> done.findChild(action)).map(Node::children).orElseThrow().stream()
                .map(CobaltGroups::outcome).toList());
    }

    @Override
    public CompletionStage<GroupInfo> createCommunity(String subject, String description) {
        var children = new java.util.ArrayList<Node>();
        if (description != null) {
            children.add(Node.of("description", Map.of("id", newId()), Node.of("body", description.getBytes(StandardCharsets.UTF_8))));
        }
        children.add(Node.of("parent", Map.of("default_membership_approval_mode", "request_required")));
        var create = Node.of("create", Map.of("subject", subject, "key", newId()), children);
        return query(GROUP_SERVER, "set", create).thenApply(answer -> group(answer.findChild("group").orElseThrow()));
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> link(String communityJid, List<String> groupJids) {
        var link = Node.of("link", Map.of("link_type", "sub_group"),
                groupJids.stream().map(group -> Node.of("group", Map.of("jid", Jid.of(group)))).toArray(Node[]::new));
        return query(communityJid, "set", Node.of("links", link)).thenApply(answer -> answer.findChild("links")
                .flatMap(links -> links.findChild("link")).map(Node::children).orElseThrow().stream()
                .map(CobaltGroups::outcome).toList());
    }

    @Override
    public CompletionStage<Void> unlink(String communityJid, String groupJid) {
        return set(communityJid, Node.of("unlink", Map.of("unlink_type", "sub_group"), Node.of("group", Map.of("jid", Jid.of(groupJid)))));
    }

    @Override
    public CompletionStage<List<GroupInfo.Linked>> linkedGroups(String communityJid) {
        return query(communityJid, "get", Node.of("sub_groups")).thenApply(answer -> answer.findChild("sub_groups")
                .map(groups -> GroupNodes.linked(CobaltNodes.view(groups))).orElse(List.of()));
    }

    /** A participant's or a linked group's answer: its JID and WhatsApp's code (200 when the node has no {@code error}). */
    private static GroupInfo.Outcome outcome(Node child) {
        return new GroupInfo.Outcome(jid(child, "jid"), Integer.parseInt(child.attributes().getString("error", "200")));
    }

    private CompletionStage<Void> set(String groupJid, Node change) {
        return query(groupJid, "set", change).thenApply(answer -> null);
    }

    private CompletionStage<Node> query(String to, String type, Node request) {
        // the answer arrives on Cobalt's reading thread, which names no session: the engine is the caller's, taken here
        Consumer<Node> learnAddresses = engine.addressLearner();
        return ServerIqs.query(engine.client(), to, "w:g2", type, Map.of(), request).handle((answer, failure) -> {
            if (failure != null) {
                throw refusal(failure);
            }
            learnAddresses.accept(answer);
            return answer;
        });
    }

    /** WhatsApp's error answer as a {@link GroupRefusedException} with its code; other failures as they are. */
    private static RuntimeException refusal(Throwable failure) {
        var cause = failure instanceof java.util.concurrent.CompletionException wrapped ? wrapped.getCause() : failure;
        if (cause instanceof ServerIqs.Refused refused) {
            return new GroupRefusedException(refused.code(), refused.getMessage());
        }
        return cause instanceof RuntimeException runtime ? runtime : new java.util.concurrent.CompletionException(cause);
    }

    private static GroupInfo group(Node group) {
        return GroupNodes.group(CobaltNodes.view(group));
    }

    private static Node participant(String jid) {
        return Node.of("participant", Map.of("jid", Jid.of(jid)));
    }

    private static String jid(Node node, String attribute) {
        return node.attributes().getOptionalJid(attribute).map(Jid::toString).orElse("");
    }

    private static String newId() {
        return ServerIqs.newId();
    }
}
