package io.kubezap.simulator.channel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One message in a channel: the {@code Message} protobuf its owner posted in plaintext, the server id the channel
 * gave it, who it reached, and the followers' reactions (one per account; the newest replaces the older) and views.
 */
public final class ChannelPost {
    private final long serverId;
    private final String id;
    private final Instant timestamp;
    private final String type;
    private final String mediaType;
    private final byte[] message;
    private final Set<String> audience;
    private final Map<String, String> reactionsBy = new LinkedHashMap<>();
    private final Set<String> viewers = new LinkedHashSet<>();

    ChannelPost(long serverId, String id, Instant timestamp, String type, String mediaType, byte[] message, Set<String> audience) {
        this.serverId = serverId;
        this.id = id;
        this.timestamp = timestamp;
        this.type = type;
        this.mediaType = mediaType;
        this.message = message.clone();
        this.audience = Set.copyOf(audience);
    }

    public long serverId() {
        return serverId;
    }

    /** The message id its sender chose. */
    public String id() {
        return id;
    }

    public Instant timestamp() {
        return timestamp;
    }

    /** {@code text} or {@code media}, as the stanza says. */
    public String type() {
        return type;
    }

    /** The {@code plaintext}'s {@code mediatype} ({@code image}, {@code video}…), or null. */
    public String mediaType() {
        return mediaType;
    }

    /** The {@code Message} protobuf. */
    public byte[] message() {
        return message.clone();
    }

    /** The accounts that followed (or owned) the channel when it was posted: those it was delivered to. */
    public Set<String> audience() {
        return audience;
    }

    /** Account → emoji. */
    public synchronized Map<String, String> reactionsBy() {
        return Map.copyOf(reactionsBy);
    }

    /** Emoji → how many accounts reacted with it, as WhatsApp shows the counts. */
    public synchronized Map<String, Integer> reactionCounts() {
        var counts = new TreeMap<String, Integer>();
        reactionsBy.values().forEach(emoji -> counts.merge(emoji, 1, Integer::sum));
        return counts;
    }

    public synchronized int views() {
        return viewers.size();
    }

    /** An empty or null emoji withdraws the account's reaction. */
    synchronized void react(String account, String emoji) {
        if (emoji == null || emoji.isEmpty()) {
            reactionsBy.remove(account);
        } else {
            reactionsBy.put(account, emoji);
        }
    }

    synchronized void view(String account) {
        viewers.add(account);
    }
}
