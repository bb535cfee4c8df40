package io.kubezap.session.engine;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * WhatsApp's channel (newsletter) server, as the account sees it. A refusal completes exceptionally with
 * {@link ChannelRefusedException} carrying WhatsApp's code. Posting to a channel is a send to its JID
 * ({@link WhatsAppEngine#send}); the posts of followed channels arrive as messages of that chat.
 */
public interface ChannelEngine {

    /** The channels the account owns, administers or follows. */
    CompletionStage<List<ChannelInfo>> followed();

    /** A new channel owned by the account; {@code description} may be null. */
    CompletionStage<ChannelInfo> create(String name, String description);

    /** A channel by its JID ({@code …@newsletter}), with the account's role in it. */
    CompletionStage<ChannelInfo> channel(String jid);

    /** The channel an invite code (the last part of its {@code https://whatsapp.com/channel/…} link) opens. */
    CompletionStage<ChannelInfo> byInvite(String code);

    /** The account follows the channel: its posts arrive from now on. */
    CompletionStage<Void> follow(String jid);

    CompletionStage<Void> unfollow(String jid);

    /** Up to {@code count} of the channel's posts older than server id {@code before} (null: the newest), oldest first. */
    CompletionStage<List<ChannelPost>> posts(String jid, int count, Long before);

    /** Reacts to the post with this server id; an empty {@code emoji} withdraws the account's reaction. */
    CompletionStage<Void> react(String jid, long serverId, String emoji);
}
