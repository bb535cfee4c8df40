package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.session.engine.ChannelEngine;
import io.kubezap.session.engine.ChannelInfo;
import io.kubezap.session.engine.ChannelPost;
import io.kubezap.session.engine.ChannelRefusedException;
import io.kubezap.session.engine.MessageContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * Channels on the Baileys engine: the bridge's channel requests (PROTOCOL.md, "Channels"); a refusal by WhatsApp fails
 * with {@link ChannelRefusedException} and its code. Posting is a send to the channel's JID; followed channels' posts
 * arrive as {@code message} events carrying their {@code channelServerId}.
 */
@ApplicationScoped
@Typed(BaileysChannels.class)
public class BaileysChannels implements ChannelEngine {

    private final BaileysEngine engine;

    public BaileysChannels(BaileysEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<List<ChannelInfo>> followed() {
        return call("channelsFollowed", fields -> fields).thenApply(answer -> {
            var channels = new ArrayList<ChannelInfo>();
            answer.path("channels").forEach(channel -> channels.add(channel(channel)));
            return channels;
        });
    }

    @Override
    public CompletionStage<ChannelInfo> create(String name, String description) {
        return call("channelCreate", fields -> fields.put("name", name).put("description", description))
                .thenApply(BaileysChannels::channel);
    }

    @Override
    public CompletionStage<ChannelInfo> channel(String jid) {
        return call("channel", fields -> fields.put("jid", jid)).thenApply(BaileysChannels::channel);
    }

    @Override
    public CompletionStage<ChannelInfo> byInvite(String code) {
        return call("channel", fields -> fields.put("code", code)).thenApply(BaileysChannels::channel);
    }

    @Override
    public CompletionStage<Void> follow(String jid) {
        return call("channelFollow", fields -> fields.put("jid", jid)).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Void> unfollow(String jid) {
        return call("channelUnfollow", fields -> fields.put("jid", jid)).thenApply(done -> null);
    }

    @Override
    public CompletionStage<List<ChannelPost>> posts(String jid, int count, Long before) {
        return call("channelPosts", fields -> fields.put("jid", jid).put("count", count).put("before", before)).thenApply(answer -> {
            var posts = new ArrayList<ChannelPost>();
            answer.path("posts").forEach(post -> posts.add(post(post)));
            return posts;
        });
    }

    @Override
    public CompletionStage<Void> react(String jid, long serverId, String emoji) {
        return call("channelReact", fields -> fields.put("jid", jid).put("serverId", serverId).put("emoji", emoji))
                .thenApply(done -> null);
    }

    /** A channel as the bridge answers one (PROTOCOL.md, {@code channel}). */
    private static ChannelInfo channel(JsonNode channel) {
        return new ChannelInfo(channel.path("jid").asText(), BridgeEvents.text(channel, "name"), BridgeEvents.text(channel, "description"),
                BridgeEvents.text(channel, "invite"), BridgeEvents.text(channel, "picture"), channel.path("verified").asBoolean(),
                channel.path("role").asText(ChannelInfo.GUEST), channel.path("subscribers").isNumber()
                ? channel.path("subscribers").asLong() : null, channel.path("muted").asBoolean());
    }

    /** A post as the bridge answers one (PROTOCOL.md, {@code channelPosts}): its content as a {@code message} event's. */
    private static ChannelPost post(JsonNode post) {
        var reactions = new LinkedHashMap<String, Long>();
        post.path("reactions").properties().forEach(reaction -> reactions.put(reaction.getKey(), reaction.getValue().asLong()));
        var content = post.path("content").isObject() ? BridgeEvents.content(post.path("content"))
                : new MessageContent.Other("empty", null);
        return new ChannelPost(post.path("serverId").asLong(), post.path("id").asText(), Instant.ofEpochMilli(post.path("timestamp").asLong()),
                content, post.path("views").asLong(), java.util.Map.copyOf(reactions), BridgeEvents.text(post, "myReaction"));
    }

    /** The request; WhatsApp's refusal (an error with its code) as {@link ChannelRefusedException}. */
    private CompletableFuture<JsonNode> call(String op, UnaryOperator<ObjectNode> fields) {
        return engine.request(op, fields, ChannelRefusedException::new);
    }
}
