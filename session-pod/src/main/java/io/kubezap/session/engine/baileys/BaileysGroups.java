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
    public CompletionStage<String> join(String code) {
        return refused();
    }
}
