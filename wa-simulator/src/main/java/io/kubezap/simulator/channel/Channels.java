package io.kubezap.simulator.channel;

import io.kubezap.simulator.group.Group;
import io.kubezap.simulator.group.ThreadIds;

import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * WhatsApp's channel (newsletter) server: channels, their owners and followers, their metadata and invite codes, and
 * the messages their owners post (server ids from {@value Channel#FIRST_SERVER_ID}, one more per message), with the
 * followers' reactions and views. Accounts are phone numbers. Who gets told what is the caller's business.
 */
public final class Channels {
    /** WhatsApp's limits on a channel's name and description. */
    static final int NAME_MAX_LENGTH = 100;
    static final int DESCRIPTION_MAX_LENGTH = 2048;

    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private final Function<byte[], Group.GroupPicture> pictures;
    private final Clock clock;

    /** @param pictures stores a channel's picture (JPEG bytes) where WhatsApp's CDN keeps pictures */
    public Channels(Function<byte[], Group.GroupPicture> pictures, Clock clock) {
        this.pictures = pictures;
        this.clock = clock;
    }

    public Channel create(String owner, String name, String description, byte[] picture) {
        var created = new Channel(newId(), owner, validName(name), validDescription(description),
                picture == null || picture.length == 0 ? null : pictures.apply(picture), newInviteCode(), clock.instant());
        channels.put(created.id(), created);
        return created;
    }

    /** By its id, with or without {@code @newsletter}. */
    public Optional<Channel> find(String channelId) {
        return Optional.ofNullable(channels.get(bare(channelId)));
    }

    /** @throws ChannelException 404 when there is none */
    public Channel require(String channelId) {
        return find(channelId).orElseThrow(() -> new ChannelException(404, "No channel " + channelId));
    }

    /** By the code of its link, with or without {@code https://whatsapp.com/channel/}. */
    public Optional<Channel> byInviteCode(String code) {
        var bare = code == null ? "" : code.substring(code.lastIndexOf('/') + 1);
        return channels.values().stream().filter(channel -> channel.inviteCode().equals(bare)).findFirst();
    }

    public Collection<Channel> all() {
        return channels.values().stream().sorted(Comparator.comparing(Channel::creation)).toList();
    }

    /** The channels an account owns or follows, oldest first. */
    public List<Channel> followedBy(String account) {
        return all().stream().filter(channel -> channel.roleOf(account) != ChannelRole.GUEST).toList();
    }

    /** @return whether the account was not a follower yet (the owner never is) */
    public boolean follow(String account, String channelId) {
        return require(channelId).follow(account);
    }

    /** @return whether the account was a follower */
    public boolean unfollow(String account, String channelId) {
        return require(channelId).unfollow(account);
    }

    public void mute(String account, String channelId, boolean mute) {
        require(channelId).mute(account, mute);
    }

    /** The owner changes the name, description and/or picture (null: unchanged; an empty picture removes it). */
    public Channel update(String actor, String channelId, String name, String description, byte[] picture) {
        var channel = owned(actor, channelId);
        var now = clock.instant();
        if (name != null) {
            channel.rename(validName(name), now);
        }
        if (description != null) {
            channel.describe(validDescription(description), now);
        }
        if (picture != null) {
            channel.picture(picture.length == 0 ? null : pictures.apply(picture));
        }
        return channel;
    }

    public void verify(String channelId, boolean verified) {
        require(channelId).verified(verified);
    }

    /**
     * The owner posts a message ({@code message}: the {@code Message} protobuf): it gets the channel's next server id
     * and reaches the owner and the followers of this moment.
     */
    public ChannelPost post(String actor, String channelId, String messageId, String type, String mediaType, byte[] message) {
        return owned(actor, channelId).add(messageId, clock.instant(), type, mediaType, message);
    }

    /** An account that sees the channel reacts to a message (an empty emoji withdraws its reaction). */
    public ChannelPost react(String account, String channelId, long serverId, String emoji) {
        var post = message(channelId, serverId);
        post.react(account, emoji);
        return post;
    }

    public ChannelPost view(String account, String channelId, long serverId) {
        var post = message(channelId, serverId);
        post.view(account);
        return post;
    }

    public ChannelPost message(String channelId, long serverId) {
        return require(channelId).post(serverId)
                .orElseThrow(() -> new ChannelException(404, "No message " + serverId + " in channel " + channelId));
    }

    /** Up to {@code count} messages older than server id {@code before} (0: the newest), oldest first. */
    public List<ChannelPost> history(String channelId, int count, long before) {
        var older = require(channelId).posts().stream().filter(post -> before <= 0 || post.serverId() < before).toList();
        return older.subList(Math.max(0, older.size() - Math.max(count, 0)), older.size());
    }

    private Channel owned(String actor, String channelId) {
        var channel = require(channelId);
        if (!channel.owner().equals(actor)) {
            throw new ChannelException(403, actor + " does not own channel " + channelId);
        }
        return channel;
    }

    private static String validName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > NAME_MAX_LENGTH) {
            throw new ChannelException(400, "A channel needs a name of 1 to " + NAME_MAX_LENGTH + " characters");
        }
        return name.strip();
    }

    private static String validDescription(String description) {
        if (description != null && description.length() > DESCRIPTION_MAX_LENGTH) {
            throw new ChannelException(400, "A channel's description is at most " + DESCRIPTION_MAX_LENGTH + " characters");
        }
        return description == null ? "" : description;
    }

    private static String bare(String channelId) {
        return ThreadIds.bare(channelId, "newsletter");
    }

    private String newId() {
        return ThreadIds.newId(channels::containsKey);
    }

    /** WhatsApp's channel links end in 24 characters starting 0029Va. */
    private static String newInviteCode() {
        return "0029Va" + ThreadIds.randomCode(18);
    }
}
