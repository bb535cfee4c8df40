package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.GroupRefusedException;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The group server through {@code w:g2} IQs sent as they are: Cobalt 0.0.10's group calls answer metadata from a cache
 * that notifications do not refresh and drop the per-participant answers, so the adapter asks WhatsApp itself.
 */
@ApplicationScoped
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
                .stream().map(child -> new GroupInfo.Outcome(jid(child, "jid"),
                        Integer.parseInt(child.attributes().getString("error", "200")))).toList());
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
    public CompletionStage<String> join(String code) {
        return query(GROUP_SERVER, "set", Node.of("invite", Map.of("code", code)))
                .thenApply(answer -> jid(answer.findChild("group").orElseThrow(), "jid"));
    }

    private CompletionStage<Void> set(String groupJid, Node change) {
        return query(groupJid, "set", change).thenApply(answer -> null);
    }

    private CompletionStage<Node> query(String to, String type, Node request) {
        return ServerIqs.query(engine.client(), to, "w:g2", type, Map.of(), request).handle((answer, failure) -> {
            var cause = failure instanceof java.util.concurrent.CompletionException wrapped ? wrapped.getCause() : failure;
            if (cause instanceof ServerIqs.Refused refused) {
                throw new GroupRefusedException(refused.code(), refused.getMessage());
            }
            if (cause != null) {
                throw cause instanceof RuntimeException runtime ? runtime : new java.util.concurrent.CompletionException(cause);
            }
            engine.learnAddresses(answer);
            return answer;
        });
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
