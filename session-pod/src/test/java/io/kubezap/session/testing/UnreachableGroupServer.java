package io.kubezap.session.testing;

import io.kubezap.session.engine.GroupEngine;
import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.GroupRefusedException;
import io.kubezap.session.engine.SendFailedException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * WhatsApp's group server out of reach, as the Cobalt adapter's is in tests (no socket): every request fails as not
 * connected, so that stored groups stay as they were, except that an invite code is answered as unknown (406), as
 * WhatsApp answers a code no group has.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class UnreachableGroupServer implements GroupEngine {

    private static <T> CompletionStage<T> unreachable() {
        return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
    }

    @Override
    public CompletionStage<GroupInfo> invitePreview(String code) {
        return CompletableFuture.failedFuture(new GroupRefusedException(406, "item-not-found"));
    }

    @Override
    public CompletionStage<GroupInfo> create(String subject, List<String> participants) {
        return unreachable();
    }

    @Override
    public CompletionStage<GroupInfo> metadata(String groupJid) {
        return unreachable();
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> changeParticipants(String groupJid, String action, List<String> participants) {
        return unreachable();
    }

    @Override
    public CompletionStage<Void> leave(String groupJid) {
        return unreachable();
    }

    @Override
    public CompletionStage<Void> setSubject(String groupJid, String subject) {
        return unreachable();
    }

    @Override
    public CompletionStage<Void> setDescription(String groupJid, String description) {
        return unreachable();
    }

    @Override
    public CompletionStage<Void> setAnnounce(String groupJid, boolean announce) {
        return unreachable();
    }

    @Override
    public CompletionStage<Void> setLocked(String groupJid, boolean locked) {
        return unreachable();
    }

    @Override
    public CompletionStage<Void> setMemberAddMode(String groupJid, String mode) {
        return unreachable();
    }

    @Override
    public CompletionStage<List<GroupInfo>> participating() {
        return unreachable();
    }

    @Override
    public CompletionStage<String> inviteCode(String groupJid, boolean revoke) {
        return unreachable();
    }

    @Override
    public CompletionStage<GroupInfo.Joining> join(String code) {
        return unreachable();
    }

    @Override
    public CompletionStage<Void> setPicture(String groupJid, byte[] jpeg) {
        return unreachable();
    }

    @Override
    public CompletionStage<Void> setEphemeral(String groupJid, long seconds) {
        return unreachable();
    }

    @Override
    public CompletionStage<Void> setJoinApproval(String groupJid, boolean required) {
        return unreachable();
    }

    @Override
    public CompletionStage<List<GroupInfo.JoinRequest>> joinRequests(String groupJid) {
        return unreachable();
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> answerJoinRequests(String groupJid, boolean approve, List<String> participants) {
        return unreachable();
    }

    @Override
    public CompletionStage<GroupInfo> createCommunity(String subject, String description) {
        return unreachable();
    }

    @Override
    public CompletionStage<List<GroupInfo.Outcome>> link(String communityJid, List<String> groupJids) {
        return unreachable();
    }

    @Override
    public CompletionStage<Void> unlink(String communityJid, String groupJid) {
        return unreachable();
    }

    @Override
    public CompletionStage<List<GroupInfo.Linked>> linkedGroups(String communityJid) {
        return unreachable();
    }
}
