package io.kubezap.session.testing;

import io.kubezap.session.engine.ChannelEngine;
import io.kubezap.session.engine.ChannelInfo;
import io.kubezap.session.engine.ChannelPost;
import io.kubezap.session.engine.ChannelRefusedException;
import io.kubezap.session.engine.MessageContent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WhatsApp's channel server in memory, standing in for the Cobalt adapter's {@code ChannelEngine} in tests: channels
 * with the account's role, invite codes, posts and the account's reactions to them. WhatsApp's refusals come as
 * {@link ChannelRefusedException} with its codes.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SimulatedChannels implements ChannelEngine {

    /** A channel, the account's role in it, and its posts. */
    public record Held(ChannelInfo info, List<ChannelPost> posts, Map<Long, String> reactions) {
    }

    private final Map<String, Held> channels = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(120363000000000000L);

    /** A channel someone else owns, with these texts as posts (server ids from 100). */
    public ChannelInfo othersChannel(String name, String invite, String... posts) {
        var jid = ids.incrementAndGet() + "@newsletter";
        var info = new ChannelInfo(jid, name, "", invite, null, false, ChannelInfo.GUEST, 0L, false);
        var held = new Held(info, new ArrayList<>(), new ConcurrentHashMap<>());
        for (int i = 0; i < posts.length; i++) {
            held.posts().add(new ChannelPost(100 + i, "POST" + i, Instant.parse("2026-11-24T10:00:00Z").plusSeconds(i),
                    new MessageContent.Text(posts[i]), 0, Map.of(), null));
        }
        channels.put(jid, held);
        return info;
    }

    public String reactionTo(String jid, long serverId) {
        return channels.get(jid).reactions().get(serverId);
    }

    public String roleIn(String jid) {
        return channels.get(jid).info().role();
    }

    @Override
    public CompletionStage<List<ChannelInfo>> followed() {
        return done(channels.values().stream().map(Held::info).filter(ChannelInfo::follows).toList());
    }

    @Override
    public CompletionStage<ChannelInfo> create(String name, String description) {
        var jid = ids.incrementAndGet() + "@newsletter";
        var info = new ChannelInfo(jid, name, description, "0029Va" + jid.substring(6, 18), null, false, ChannelInfo.OWNER, 0L, false);
        channels.put(jid, new Held(info, new ArrayList<>(), new ConcurrentHashMap<>()));
        return done(info);
    }

    @Override
    public CompletionStage<ChannelInfo> channel(String jid) {
        var held = channels.get(jid);
        return held == null ? refused(404, "no channel " + jid) : done(held.info());
    }

    @Override
    public CompletionStage<ChannelInfo> byInvite(String code) {
        return channels.values().stream().map(Held::info).filter(info -> code.equals(info.invite())).findFirst()
                .map(SimulatedChannels::done).orElseGet(() -> refused(404, "no invite " + code));
    }

    @Override
    public CompletionStage<Void> follow(String jid) {
        return role(jid, ChannelInfo.SUBSCRIBER);
    }

    @Override
    public CompletionStage<Void> unfollow(String jid) {
        return role(jid, ChannelInfo.GUEST);
    }

    @Override
    public CompletionStage<List<ChannelPost>> posts(String jid, int count, Long before) {
        var held = channels.get(jid);
        if (held == null) {
            return refused(404, "no channel " + jid);
        }
        var older = held.posts().stream().filter(post -> before == null || post.serverId() < before).toList();
        return done(older.subList(Math.max(0, older.size() - count), older.size()));
    }

    @Override
    public CompletionStage<Void> react(String jid, long serverId, String emoji) {
        var held = channels.get(jid);
        if (held == null || held.posts().stream().noneMatch(post -> post.serverId() == serverId)) {
            return refused(404, "no post " + serverId + " in " + jid);
        }
        held.reactions().put(serverId, emoji);
        return done(null);
    }

    private CompletionStage<Void> role(String jid, String role) {
        var held = channels.get(jid);
        if (held == null) {
            return refused(404, "no channel " + jid);
        }
        var info = held.info();
        channels.put(jid, new Held(new ChannelInfo(info.jid(), info.name(), info.description(), info.invite(), info.picture(),
                info.verified(), role, info.subscribers(), info.muted()), held.posts(), held.reactions()));
        return done(null);
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }

    private static <T> CompletionStage<T> refused(int code, String message) {
        return CompletableFuture.failedFuture(new ChannelRefusedException(code, message));
    }
}
