package io.kubezap.session.engine.baileys;

import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.GroupInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Groups on the Baileys engine: not bridged yet, so every call is refused as {@link io.kubezap.session.engine.UnsupportedByEngine}. */
@ApplicationScoped
@Typed(BaileysGroups.class)
public class BaileysGroups implements GroupEngine {

    private static <T> CompletionStage<T> refused() {
        return CompletableFuture.failedFuture(BaileysEngine.unsupported("Groups"));
    }

    @Override
    public CompletionStage<GroupInfo> create(String subject, List<String> participants) {
        return refused();
    }

    @Override
    public CompletionStage<GroupInfo> metadata(String groupJid) {
        return refused();
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> changeParticipants(String groupJid, String action, List<String> participants) {
        return refused();
    }

    @Override
    public CompletionStage<Void> leave(String groupJid) {
        return refused();
    }

    @Override
    public CompletionStage<Void> setSubject(String groupJid, String subject) {
        return refused();
    }

    @Override
    public CompletionStage<Void> setDescription(String groupJid, String description) {
        return refused();
    }

    @Override
    public CompletionStage<Void> setAnnounce(String groupJid, boolean announce) {
        return refused();
    }

    @Override
    public CompletionStage<Void> setLocked(String groupJid, boolean locked) {
        return refused();
    }

    @Override
    public CompletionStage<List<GroupInfo>> participating() {
        return refused();
    }

    @Override
    public CompletionStage<String> inviteCode(String groupJid, boolean revoke) {
        return refused();
    }

    @Override
    public CompletionStage<GroupInfo.Joining> join(String code) {
        return refused();
    }

    @Override
    public CompletionStage<GroupInfo> invitePreview(String code) {
        return refused();
    }

    @Override
    public CompletionStage<Void> setPicture(String groupJid, byte[] jpeg) {
        return refused();
    }

    @Override
    public CompletionStage<Void> setEphemeral(String groupJid, long seconds) {
        return refused();
    }

    @Override
    public CompletionStage<Void> setJoinApproval(String groupJid, boolean required) {
        return refused();
    }

    @Override
    public CompletionStage<List<GroupInfo.JoinRequest>> joinRequests(String groupJid) {
        return refused();
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> answerJoinRequests(String groupJid, boolean approve, List<String> participants) {
        return refused();
    }

    @Override
    public CompletionStage<GroupInfo> createCommunity(String subject, String description) {
        return refused();
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> link(String communityJid, List<String> groupJids) {
        return refused();
    }

    @Override
    public CompletionStage<Void> unlink(String communityJid, String groupJid) {
        return refused();
    }

    @Override
    public CompletionStage<List<GroupInfo.Linked>> linkedGroups(String communityJid) {
        return refused();
    }
}
