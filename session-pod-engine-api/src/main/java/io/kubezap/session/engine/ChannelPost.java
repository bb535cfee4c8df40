package io.kubezap.session.engine;

import java.time.Instant;
import java.util.Map;

/**
 * A channel's post as WhatsApp keeps it: {@code serverId} numbers the channel's posts (reactions name it), {@code id}
 * is the message id its author gave it; {@code reactions} counts each emoji, {@code myReaction} is the account's (or null).
 */
public record ChannelPost(long serverId, String id, Instant timestamp, MessageContent content, long views,
                          Map<String, Long> reactions, String myReaction) {
}
