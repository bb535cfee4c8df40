package io.kubezap.simulator.stream;

import io.kubezap.simulator.channel.Channel;
import io.kubezap.simulator.channel.ChannelException;
import io.kubezap.simulator.channel.ChannelPost;
import io.kubezap.simulator.channel.Channels;
import io.kubezap.simulator.content.MessageContents;
import io.kubezap.simulator.media.MediaCipher;
import io.kubezap.simulator.media.MediaHost;
import io.kubezap.simulator.media.MediaMessage;
import io.kubezap.simulator.phone.OutgoingMedia;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import io.kubezap.simulator.protobuf.ProtobufWriter;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * What happens around channels, whoever acts (a companion by stanza, a phone over the control API): a post reaches
 * every linked device of the owner and the followers (but the one that sent it) as a plaintext {@code <message
 * from="<id>@newsletter">}, at once or from the offline queue; following, unfollowing and muting are told to all of
 * the account's devices by a {@code mex} notification; reactions and views change the counts, pushed as live updates to
 * connections that asked for them ({@code live_updates}) while that lasts.
 */
public final class ChannelFeed {
    private static final Logger LOG = Logger.getLogger(ChannelFeed.class.getName());
    /** How long a {@code live_updates} subscription lasts, as WhatsApp answers it. */
    static final Duration LIVE_UPDATES = Duration.ofMinutes(5);

    private final PhoneDirectory phones;
    private final Channels channels;
    private final OfflineQueue offline;
    private final MediaHost mediaHost;
    private final Clock clock;
    /** Per channel id, the connections that asked for live updates and until when. */
    private final Map<String, Map<ChatSession, Instant>> liveUpdates = new ConcurrentHashMap<>();

    ChannelFeed(PhoneDirectory phones, Channels channels, OfflineQueue offline, MediaHost mediaHost, Clock clock) {
        this.phones = phones;
        this.channels = channels;
        this.offline = offline;
        this.mediaHost = mediaHost;
        this.clock = clock;
    }

    public Channels channels() {
        return channels;
    }

    /** An account creates a channel; its devices learn it as a follow, with the role {@code OWNER}. */
    public Channel create(String owner, String name, String description, byte[] picture) {
        var channel = channels.create(account(owner), name, description, picture);
        tellJoined(channel, owner);
        return channel;
    }

    /** @return whether the account was not a follower yet */
    public boolean follow(String account, String channelId) {
        var followed = channels.follow(account(account), channelId);
        if (followed) {
            tellJoined(channels.require(channelId), account);
        }
        return followed;
    }

    /** @return whether the account was a follower */
    public boolean unfollow(String account, String channelId) {
        var channel = channels.require(channelId);
        var left = channels.unfollow(account(account), channelId);
        if (left) {
            var payload = ChannelJson.JSON.createObjectNode().put("id", channel.jid()).put("role", "GUEST");
            tellDevices(account, ChannelNodes.mexNotification("NotificationNewsletterLeave", "xwa2_notify_newsletter_on_leave",
                    payload, clock.instant()), null);
        }
        return left;
    }

    public void mute(String account, String channelId, boolean mute) {
        channels.mute(account(account), channelId, mute);
        var payload = ChannelJson.JSON.createObjectNode().put("id", channels.require(channelId).jid()).put("mute", mute ? "ON" : "OFF");
        tellDevices(account, ChannelNodes.mexNotification("NotificationNewsletterMuteChange", "xwa2_notify_newsletter_on_mute_change",
                payload, clock.instant()), null);
    }

    /**
     * The owner changes the name, description and/or picture (null: unchanged; an empty picture removes it); the owner's
     * and the followers' devices get a {@code NotificationNewsletterUpdate} with the new metadata as each account sees it.
     */
    public Channel update(String owner, String channelId, String name, String description, byte[] picture) {
        var channel = channels.update(owner, channelId, name, description, picture);
        channel.audience().forEach(account -> tellDevices(account, ChannelNodes.mexNotification("NotificationNewsletterUpdate",
                "xwa2_notify_newsletter_on_metadata_update", ChannelJson.metadata(channel, account, true), clock.instant()), null));
        return channel;
    }

    /** The owner's phone posts a text ({@code conversation}). */
    public ChannelPost postText(String owner, String channelId, String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("text is required");
        }
        return post(owner, channelId, ServerNodes.newMessageId(), "text", null, new ProtobufWriter().string(1, text).toByteArray(), null);
    }

    /**
     * The owner's phone posts a file, as WhatsApp carries channel media: uploaded unencrypted to the media host, the
     * message naming it with {@code fileSha256} and no media key ({@code mediaKey}, {@code fileEncSha256} absent).
     */
    public ChannelPost postMedia(String owner, String channelId, OutgoingMedia media) {
        var upload = mediaHost.store(media.type(), media.data());
        var message = new MediaMessage(media.type(), upload.url(), upload.directPath(), null, MediaCipher.sha256(media.data()), null,
                media.data().length, null, media.effectiveMimeType(), media.caption(), media.fileName(), media.dimensions().seconds(),
                media.dimensions().width(), media.dimensions().height(), null).toMessage();
        return post(owner, channelId, ServerNodes.newMessageId(), "media", MessageRelay.mediaTypeAttribute(media), message, null);
    }

    /** An account reacts to a channel message from its phone (an empty emoji withdraws its reaction). */
    public ChannelPost react(String account, String channelId, long serverId, String emoji) {
        var post = channels.react(account(account), channelId, serverId, emoji);
        pushCounts(channels.require(channelId), post);
        return post;
    }

    /** A companion sends a {@code <message to="<id>@newsletter">}: a post by the owner, or a reaction. */
    void onClientMessage(ChatSession session, Node message) {
        var device = session.deviceJid().orElseThrow();
        var channelJid = message.attributes().getString("to", "");
        var now = clock.instant();
        try {
            var reaction = message.findChild("reaction");
            if (reaction.isPresent() || "reaction".equals(message.attributes().getString("type", ""))) {
                var serverId = message.attributes().getLong("server_id");
                var emoji = reaction.map(node -> node.attributes().getString("code", "")).orElse("");
                react(device.user(), channelJid, serverId, emoji);
                session.answer(ChannelNodes.ack(message.id(), channels.require(channelJid), channelJid, null, now, null));
                return;
            }
            var plaintext = message.findChild("plaintext")
                    .orElseThrow(() -> new ChannelException(400, "A channel message carries its Message in <plaintext>"));
            var body = plaintext.contentAsBytes().orElse(new byte[0]);
            requireMessage(body);
            var post = post(device.user(), channelJid, message.id(), message.attributes().getString("type", "text"),
                    plaintext.attributes().getString("mediatype", null), body, device);
            session.answer(ChannelNodes.ack(message.id(), channels.require(channelJid), channelJid, post, now, null));
        } catch (ChannelException refused) {
            LOG.info(() -> "Refused " + device + "'s message to " + channelJid + ": " + refused.getMessage());
            session.answer(ChannelNodes.ack(message.id(), null, channelJid, null, now, refused.code()));
        }
    }

    /** {@code <iq xmlns="newsletter" type="set" to=channel><live_updates/>}: counts are pushed to this connection for a while. */
    Node subscribeLiveUpdates(ChatSession session, String channelId) {
        var channel = channels.require(channelId);
        liveUpdates.computeIfAbsent(channel.id(), id -> new ConcurrentHashMap<>()).put(session, clock.instant().plus(LIVE_UPDATES));
        return Node.of("live_updates", ServerNodes.attributes("duration", LIVE_UPDATES.toSeconds()));
    }

    /** A viewed receipt ({@code <receipt type="view" to=channel><list><item server_id/>}) counts a view per account. */
    void onViewed(ChatSession session, Node receipt) {
        var account = session.deviceJid().orElseThrow().user();
        var channelJid = receipt.attributes().getString("to", "");
        receipt.findChild("list").map(list -> list.listChildren("item")).orElse(java.util.List.of()).forEach(item -> {
            try {
                var post = channels.view(account, channelJid, item.attributes().getLong("server_id"));
                pushCounts(channels.require(channelJid), post);
            } catch (ChannelException unknown) {
                LOG.fine(unknown::getMessage);
            }
        });
    }

    private ChannelPost post(String owner, String channelId, String messageId, String type, String mediaType, byte[] message,
                             Jid senderDevice) {
        var channel = channels.require(channelId);
        var post = channels.post(owner, channelId, messageId, type, mediaType, message);
        var stanza = ChannelNodes.message(channel, post, null, true);
        post.audience().forEach(account -> tellDevices(account, stanza, senderDevice));
        return post;
    }

    private static void requireMessage(byte[] body) {
        try {
            MessageContents.parse(body);
        } catch (RuntimeException malformed) {
            throw new ChannelException(400, "The plaintext is not a Message protobuf: " + malformed.getMessage());
        }
    }

    private void tellJoined(Channel channel, String account) {
        tellDevices(account, ChannelNodes.mexNotification("NotificationNewsletterJoin", "xwa2_notify_newsletter_on_join",
                ChannelJson.metadata(channel, account, true), clock.instant()), null);
    }

    private void pushCounts(Channel channel, ChannelPost post) {
        var subscribers = liveUpdates.getOrDefault(channel.id(), Map.of());
        var now = clock.instant();
        subscribers.entrySet().removeIf(entry -> entry.getValue().isBefore(now) || !entry.getKey().established());
        subscribers.keySet().forEach(session -> session.send(ChannelNodes.liveUpdate(channel, post,
                session.deviceJid().map(Jid::user).orElse(null), now)));
    }

    /** Every linked device of the account but {@code except}, now or at its next login. */
    private void tellDevices(String account, Node stanza, Jid except) {
        phones.find(account).map(SimulatedPhone::devices).stream().flatMap(java.util.Collection::stream)
                .filter(device -> device.status() == DeviceStatus.LINKED && !device.jid().equals(except))
                .forEach(device -> offline.deliver(device.jid(), stanza));
    }

    private String account(String number) {
        return phones.find(number).map(SimulatedPhone::number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
    }

    Optional<Channel> find(String channelId) {
        return channels.find(channelId);
    }
}
