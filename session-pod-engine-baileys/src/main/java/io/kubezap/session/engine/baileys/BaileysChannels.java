package io.kubezap.session.engine.baileys;

import io.kubezap.session.engine.ChannelEngine;
import io.kubezap.session.engine.ChannelInfo;
import io.kubezap.session.engine.ChannelPost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Channels on the Baileys engine: not bridged yet, so every call is refused as {@link io.kubezap.session.engine.UnsupportedByEngine}. */
@ApplicationScoped
@Typed(BaileysChannels.class)
public class BaileysChannels implements ChannelEngine {

    private static final String CHANNELS = "Channels (newsletters)";

    @Override
    public CompletionStage<List<ChannelInfo>> followed() {
        return BaileysEngine.refused(CHANNELS);
    }

    @Override
    public CompletionStage<ChannelInfo> create(String name, String description) {
        return BaileysEngine.refused(CHANNELS);
    }

    @Override
    public CompletionStage<ChannelInfo> channel(String jid) {
        return BaileysEngine.refused(CHANNELS);
    }

    @Override
    public CompletionStage<ChannelInfo> byInvite(String code) {
        return BaileysEngine.refused(CHANNELS);
    }

    @Override
    public CompletionStage<Void> follow(String jid) {
        return BaileysEngine.refused(CHANNELS);
    }

    @Override
    public CompletionStage<Void> unfollow(String jid) {
        return BaileysEngine.refused(CHANNELS);
    }

    @Override
    public CompletionStage<List<ChannelPost>> posts(String jid, int count, Long before) {
        return BaileysEngine.refused(CHANNELS);
    }

    @Override
    public CompletionStage<Void> react(String jid, long serverId, String emoji) {
        return BaileysEngine.refused(CHANNELS);
    }
}
