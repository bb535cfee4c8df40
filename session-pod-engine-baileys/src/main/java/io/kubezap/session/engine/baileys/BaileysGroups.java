package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.GroupRefusedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * Groups on the Baileys engine: the bridge's group requests (PROTOCOL.md, "Groups" and "Group extras": invite preview,
 * pictures, disappearing messages, join approval and requests, communities); a refusal by WhatsApp fails with
 * {@link GroupRefusedException} and its code.
 */
@ApplicationScoped
@Typed(BaileysGroups.class)
public class BaileysGroups implements GroupEngine {

    private final BaileysEngine engine;

    @Inject
    public BaileysGroups(BaileysEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<GroupInfo> create(String subject, List<String> participants) {
        return call("groupCreate", fields -> {
            fields.put("subject", subject);
            participants.forEach(fields.putArray("participants")::add);
            return fields;
        }).thenApply(BaileysGroups::group);
    }

    @Override
    public CompletionStage<GroupInfo> metadata(String groupJid) {
        return call("groupMetadata", fields -> fields.put("group", groupJid)).thenApply(BaileysGroups::group);
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> changeParticipants(String groupJid, String action, List<String> participants) {
        return call("groupParticipants", fields -> {
            fields.put("group", groupJid).put("action", action);
            participants.forEach(fields.putArray("participants")::add);
            return fields;
        }).thenApply(BaileysGroups::outcomes);
    }

    @Override
    public CompletionStage<Void> leave(String groupJid) {
        return done(call("groupLeave", fields -> fields.put("group", groupJid)));
    }

    @Override
    public CompletionStage<Void> setSubject(String groupJid, String subject) {
        return done(call("groupSubject", fields -> fields.put("group", groupJid).put("subject", subject)));
    }

    @Override
    public CompletionStage<Void> setDescription(String groupJid, String description) {
        return done(call("groupDescription", fields -> fields.put("group", groupJid).put("description", description)));
    }

    @Override
    public CompletionStage<Void> setAnnounce(String groupJid, boolean announce) {
        return done(call("groupSetting", fields -> fields.put("group", groupJid)
                .put("setting", announce ? "announcement" : "not_announcement")));
    }

    @Override
    public CompletionStage<Void> setLocked(String groupJid, boolean locked) {
        return done(call("groupSetting", fields -> fields.put("group", groupJid).put("setting", locked ? "locked" : "unlocked")));
    }

    @Override
    public CompletionStage<List<GroupInfo>> participating() {
        return call("groupsParticipating", fields -> fields).thenApply(answer -> {
            var groups = new ArrayList<GroupInfo>();
            answer.path("groups").forEach(group -> groups.add(group(group)));
            return groups;
        });
    }

    @Override
    public CompletionStage<String> inviteCode(String groupJid, boolean revoke) {
        return call("groupInviteCode", fields -> fields.put("group", groupJid).put("revoke", revoke))
                .thenApply(answer -> answer.path("code").asText());
    }

    @Override
    public CompletionStage<GroupInfo.Joining> join(String code) {
        return call("groupJoin", fields -> fields.put("code", code))
                .thenApply(answer -> new GroupInfo.Joining(answer.path("group").asText(), answer.path("awaitingApproval").asBoolean()));
    }

    @Override
    public CompletionStage<GroupInfo> invitePreview(String code) {
        return call("groupInvitePreview", fields -> fields.put("code", code)).thenApply(BaileysGroups::group);
    }

    /** The pod's square JPEG as it is (base64); none removes the picture. */
    @Override
    public CompletionStage<Void> setPicture(String groupJid, byte[] jpeg) {
        return done(call("groupPicture", fields -> fields.put("group", groupJid)
                .put("jpeg", jpeg == null ? null : Base64.getEncoder().encodeToString(jpeg))));
    }

    @Override
    public CompletionStage<Void> setEphemeral(String groupJid, long seconds) {
        return done(call("groupEphemeral", fields -> fields.put("group", groupJid).put("seconds", seconds)));
    }

    @Override
    public CompletionStage<Void> setMemberAddMode(String groupJid, String mode) {
        return done(call("groupMemberAddMode", fields -> fields.put("group", groupJid).put("mode", mode)));
    }

    @Override
    public CompletionStage<Void> setJoinApproval(String groupJid, boolean required) {
        return done(call("groupJoinApproval", fields -> fields.put("group", groupJid).put("required", required)));
    }

    @Override
    public CompletionStage<List<GroupInfo.JoinRequest>> joinRequests(String groupJid) {
        return call("groupJoinRequests", fields -> fields.put("group", groupJid)).thenApply(answer -> {
            var requests = new ArrayList<GroupInfo.JoinRequest>();
            answer.path("requests").forEach(asked -> requests.add(new GroupInfo.JoinRequest(asked.path("jid").asText(),
                    Instant.ofEpochMilli(asked.path("requestedAt").asLong()))));
            return requests;
        });
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> answerJoinRequests(String groupJid, boolean approve, List<String> participants) {
        return call("groupAnswerJoinRequests", fields -> {
            fields.put("group", groupJid).put("approve", approve);
            participants.forEach(fields.putArray("participants")::add);
            return fields;
        }).thenApply(BaileysGroups::outcomes);
    }

    @Override
    public CompletionStage<GroupInfo> createCommunity(String subject, String description) {
        return call("communityCreate", fields -> fields.put("subject", subject).put("description", description))
                .thenApply(BaileysGroups::group);
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> link(String communityJid, List<String> groupJids) {
        return call("communityLink", fields -> {
            fields.put("community", communityJid);
            groupJids.forEach(fields.putArray("groups")::add);
            return fields;
        }).thenApply(BaileysGroups::outcomes);
    }

    @Override
    public CompletionStage<Void> unlink(String communityJid, String groupJid) {
        return done(call("communityUnlink", fields -> fields.put("community", communityJid).put("group", groupJid)));
    }

    @Override
    public CompletionStage<List<GroupInfo.Linked>> linkedGroups(String communityJid) {
        return call("communityGroups", fields -> fields.put("community", communityJid)).thenApply(answer -> {
            var linked = new ArrayList<GroupInfo.Linked>();
            answer.path("groups").forEach(group -> linked.add(new GroupInfo.Linked(group.path("jid").asText(),
                    group.path("subject").asText(), group.path("announcementsGroup").asBoolean())));
            return linked;
        });
    }

    /** WhatsApp's answer per participant or group: its JID and code. */
    private static List<GroupInfo.Outcome> outcomes(JsonNode answer) {
        var outcomes = new ArrayList<GroupInfo.Outcome>();
        answer.path("outcomes").forEach(outcome -> outcomes.add(new GroupInfo.Outcome(outcome.path("jid").asText(),
                outcome.path("code").asInt())));
        return outcomes;
    }

    /** The request; WhatsApp's refusal (an error with its code) as {@link GroupRefusedException}. */
    private CompletableFuture<JsonNode> call(String op, UnaryOperator<ObjectNode> fields) {
        return engine.request(op, fields, GroupRefusedException::new);
    }

    private static CompletionStage<Void> done(CompletableFuture<JsonNode> answer) {
        return answer.thenApply(ignored -> null);
    }

    /** A group as the bridge answers one (PROTOCOL.md, {@code groupCreate}), and as its {@code group} event tells a new one. */
    static GroupInfo group(JsonNode group) {
        var participants = new ArrayList<GroupInfo.Participant>();
        group.path("participants").forEach(participant -> participants.add(new GroupInfo.Participant(
                participant.path("jid").asText(), participant.path("role").asText())));
        return new GroupInfo(group.path("jid").asText(), group.path("subject").asText(), BridgeEvents.text(group, "description"),
                BridgeEvents.text(group, "owner"), group.path("announce").asBoolean(), group.path("locked").asBoolean(), participants,
                group.path("ephemeralSeconds").asLong(), group.path("joinApproval").asBoolean(), group.path("community").asBoolean(),
                BridgeEvents.text(group, "parent"), group.path("announcementsGroup").asBoolean(),
                group.path("memberAddMode").asText(GroupInfo.ADMIN_ADD));
    }
}
