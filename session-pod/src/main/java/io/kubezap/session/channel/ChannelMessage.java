package io.kubezap.session.channel;

import io.kubezap.session.engine.ChannelPost;

import java.time.Instant;
import java.util.Map;

/**
 * A channel's post as WhatsApp keeps it: {@code serverId} is what reactions name, {@code type} and {@code text} as a
 * stored message's, {@code reactions} each emoji's count, {@code myReaction} the account's (or null).
 */
public record ChannelMessage(long serverId, String id, Instant timestamp, String type, String text, long views,
                             Map<String, Long> reactions, String myReaction) {

    static ChannelMessage of(ChannelPost post) {
        return new ChannelMessage(post.serverId(), post.id(), post.timestamp(), post.content().type(), post.content().text(),
                post.views(), post.reactions(), post.myReaction());
    }
}
