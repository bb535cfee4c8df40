package io.kubezap.simulator.channel;

import io.kubezap.simulator.group.Group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** One channel (newsletter) as WhatsApp's server keeps it; changed only through {@link Channels}, which locks it. */
public final class Channel {
    /** The first server id WhatsApp gives a channel's messages (they then increase by one). */
    static final long FIRST_SERVER_ID = 100;

    private final String id;
    private final String owner;
    private final Instant creation;
    private final String inviteCode;
    private final Set<String> followers = new LinkedHashSet<>();
    private final Set<String> muted = new LinkedHashSet<>();
    private final List<ChannelPost> posts = new ArrayList<>();
    private String name;
    private Instant nameTime;
    private String description;
    private Instant descriptionTime;
    private Group.GroupPicture picture;
    private boolean verified;
    private long nextServerId = FIRST_SERVER_ID;

    Channel(String id, String owner, String name, String description, Group.GroupPicture picture, String inviteCode, Instant creation) {
        this.id = id;
        this.owner = owner;
        this.name = name;
        this.nameTime = creation;
        this.description = description == null ? "" : description;
        this.descriptionTime = creation;
        this.picture = picture;
        this.inviteCode = inviteCode;
        this.creation = creation;
    }

    /** The user part of the channel's JID: {@code <id>@newsletter}. */
    public String id() {
        return id;
    }

    public String jid() {
        return id + "@newsletter";
    }

    /** The account that created it. */
    public String owner() {
        return owner;
    }

    public Instant creation() {
        return creation;
    }

    /** The code of its link, {@code https://whatsapp.com/channel/<code>}. */
    public String inviteCode() {
        return inviteCode;
    }

    public synchronized String name() {
        return name;
    }

    public synchronized Instant nameTime() {
        return nameTime;
    }

    public synchronized String description() {
        return description;
    }

    public synchronized Instant descriptionTime() {
        return descriptionTime;
    }

    public synchronized Optional<Group.GroupPicture> picture() {
        return Optional.ofNullable(picture);
    }

    public synchronized boolean verified() {
        return verified;
    }

    /** Its followers, in the order they followed (the owner is not one of them). */
    public synchronized List<String> followers() {
        return List.copyOf(followers);
    }

    public synchronized boolean follows(String account) {
        return followers.contains(account);
    }

    /** The owner and the followers: who its posts reach. */
    public synchronized Set<String> audience() {
        var audience = new LinkedHashSet<String>();
        audience.add(owner);
        audience.addAll(followers);
        return audience;
    }

    public synchronized boolean mutedBy(String account) {
        return muted.contains(account);
    }

    public synchronized List<ChannelPost> posts() {
        return List.copyOf(posts);
    }

    public synchronized Optional<ChannelPost> post(long serverId) {
        return posts.stream().filter(post -> post.serverId() == serverId).findFirst();
    }

    /** How the account sees the channel: {@code OWNER}, {@code SUBSCRIBER} or {@code GUEST}. */
    public synchronized ChannelRole roleOf(String account) {
        if (owner.equals(account)) {
            return ChannelRole.OWNER;
        }
        return followers.contains(account) ? ChannelRole.SUBSCRIBER : ChannelRole.GUEST;
    }

    synchronized boolean follow(String account) {
        return !owner.equals(account) && followers.add(account);
    }

    synchronized boolean unfollow(String account) {
        muted.remove(account);
        return followers.remove(account);
    }

    synchronized void mute(String account, boolean mute) {
        if (mute) {
            muted.add(account);
        } else {
            muted.remove(account);
        }
    }

    synchronized void rename(String name, Instant at) {
        this.name = name;
        this.nameTime = at;
    }

    synchronized void describe(String description, Instant at) {
        this.description = description;
        this.descriptionTime = at;
    }

    synchronized void picture(Group.GroupPicture picture) {
        this.picture = picture;
    }

    synchronized void verified(boolean verified) {
        this.verified = verified;
    }

    synchronized ChannelPost add(String messageId, Instant at, String type, String mediaType, byte[] message) {
        var post = new ChannelPost(nextServerId++, messageId, at, type, mediaType, message, audience());
        posts.add(post);
        return post;
    }
}
