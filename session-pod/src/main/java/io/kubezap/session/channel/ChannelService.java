package io.kubezap.session.channel;

import io.kubezap.session.engine.ChannelEngine;
import io.kubezap.session.engine.ChannelInfo;
import io.kubezap.session.engine.ChannelRefusedException;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageRepository;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.message.Submission;
import io.kubezap.session.outbound.SendIntake;
import io.kubezap.session.trace.TraceContext;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Channels (newsletters): those the account follows, creating one, looking one up by its id or invite link, following
 * and unfollowing, reading its posts from WhatsApp, reacting to one, and posting to one the account owns or
 * administers (a send to the channel's chat, queued like any other). The posts of followed channels arrive as messages
 * of the channel's chat ({@code message.received}).
 */
@Singleton
public class ChannelService {
    /** WhatsApp's limits on a channel's name and description. */
    static final int NAME_MAX = 100;
    static final int DESCRIPTION_MAX = 2048;
    static final int MAX_POSTS = 100;
    static final Set<String> ROLES = Set.of(ChannelInfo.OWNER, ChannelInfo.ADMIN, ChannelInfo.SUBSCRIBER);

    private static final Pattern JID = Pattern.compile("\\d{5,30}(@newsletter)?");
    private static final Pattern INVITE = Pattern.compile("(?:https?://)?(?:www\\.)?whatsapp\\.com/channel/([A-Za-z0-9_-]{8,64})/?"
            + "|([A-Za-z0-9_-]{8,64})");
    private static final Pattern SERVER_ID = Pattern.compile("\\d{1,18}");

    private final ChannelEngine engine;
    private final SendIntake outgoing;
    private final MessageRepository messages;

    public ChannelService(ChannelEngine engine, SendIntake outgoing, MessageRepository messages) {
        this.engine = engine;
        this.outgoing = outgoing;
        this.messages = messages;
    }

    /** The channels the account owns, administers or follows; only those where its role is {@code role}, when given. */
    public List<Channel> list(Optional<String> role) {
        var wanted = role.map(given -> given.toUpperCase(Locale.ROOT));
        if (wanted.isPresent() && !ROLES.contains(wanted.get())) {
            throw Failure.invalid("role", "must be one of OWNER, ADMIN, SUBSCRIBER");
        }
        return call(engine.followed(), "the followed channels").stream()
                .filter(channel -> wanted.map(channel.role()::equals).orElse(true)).map(Channel::of).toList();
    }

    public Channel create(String name, String description) {
        var value = name == null ? "" : name.strip();
        if (value.isEmpty() || value.length() > NAME_MAX) {
            throw Failure.invalid("name", "must be 1 to " + NAME_MAX + " characters");
        }
        if (description != null && description.length() > DESCRIPTION_MAX) {
            throw Failure.invalid("description", "must be at most " + DESCRIPTION_MAX + " characters");
        }
        return Channel.of(call(engine.create(value, description == null ? "" : description), "a new channel"));
    }

    /** {@code key}: the channel's id ({@code …@newsletter}), or its invite link or code. */
    public Channel get(String key) {
        return Channel.of(find(key));
    }

    /** Follows the channel {@code key} names (id or invite); answers it as WhatsApp shows it after. */
    public Channel follow(String key) {
        var jid = find(key).jid();
        call(engine.follow(jid), jid);
        return Channel.of(call(engine.channel(jid), jid));
    }

    public void unfollow(String id) {
        var jid = jid(id);
        call(engine.unfollow(jid), jid);
    }

    /** Up to {@code limit} posts older than server id {@code before} (null: the newest), newest first. */
    public List<ChannelMessage> posts(String id, int limit, Long before) {
        var jid = jid(id);
        var posts = call(engine.posts(jid, Math.min(limit, MAX_POSTS), before), jid);
        return posts.stream().map(ChannelMessage::of)
                .sorted(java.util.Comparator.comparingLong(ChannelMessage::serverId).reversed()).toList();
    }

    /**
     * Reacts to a post: {@code message} is its server id, or the id of the stored message it arrived as; an empty
     * {@code emoji} withdraws the account's reaction.
     */
    public void react(String id, String message, String emoji) {
        var jid = jid(id);
        if (emoji == null || emoji.length() > 32) {
            throw Failure.invalid("reaction", "must be an emoji, or empty to withdraw the reaction");
        }
        call(engine.react(jid, serverId(jid, message), emoji), jid);
    }

    /** Queues a post to a channel the account owns or administers; 403 {@code not-channel-admin} otherwise. */
    public Submission post(SendCommand post, Optional<String> idempotencyKey, Optional<TraceContext> trace) {
        var channel = call(engine.channel(jid(post.to())), post.to());
        if (!channel.mayPost()) {
            throw new Failure(Failure.Kind.FORBIDDEN, "not-channel-admin", "Not an admin of the channel",
                    "Only the channel's owner and admins post to " + channel.jid() + "; the account is " + channel.role());
        }
        return outgoing.submit(post, idempotencyKey, trace);
    }

    /** The channel's JID, from {@code …@newsletter} or its digits; 400 otherwise. */
    public static String jid(String id) {
        var value = id == null ? "" : id.strip();
        if (!JID.matcher(value).matches()) {
            throw Failure.invalid("id", "must be a channel id: digits@newsletter");
        }
        return value.endsWith("@newsletter") ? value : value + "@newsletter";
    }

    private ChannelInfo find(String key) {
        var value = key == null ? "" : key.strip();
        if (JID.matcher(value).matches()) {
            var jid = jid(value);
            return call(engine.channel(jid), jid);
        }
        var invite = INVITE.matcher(value);
        if (!invite.matches()) {
            throw Failure.invalid("id", "must be a channel id (digits@newsletter) or its invite link (" + Channel.LINK + "…)");
        }
        var code = invite.group(1) != null ? invite.group(1) : invite.group(2);
        return call(engine.byInvite(code).exceptionally(failure -> {
            var cause = cause(failure);
            if (cause instanceof ChannelRefusedException refused && refused.code() == 404) {
                throw new Failure(Failure.Kind.NOT_FOUND, "invite-code-not-found", "No such invite code",
                        "No channel has the invite code " + code);
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }), code);
    }

    private long serverId(String jid, String message) {
        var value = message == null ? "" : message.strip();
        if (SERVER_ID.matcher(value).matches()) {
            return Long.parseLong(value);
        }
        return messages.find(value).filter(stored -> stored.chat().equals(jid))
                .map(Message::traits).map(traits -> traits.channelServerId())
                .orElseThrow(() -> Failure.notFound("No post " + value + " of channel " + jid + " is stored; name it by its serverId"));
    }

    private static <T> T call(CompletionStage<T> stage, String subject) {
        return EngineCalls.await(stage.exceptionally(failure -> {
            var cause = cause(failure);
            throw cause instanceof ChannelRefusedException refused ? asProblem(refused, subject)
                    : cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        }));
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : failure;
    }

    private static Failure asProblem(ChannelRefusedException refused, String subject) {
        return switch (refused.code()) {
            case 404 -> new Failure(Failure.Kind.NOT_FOUND, "channel-not-found", "No such channel", "WhatsApp knows no channel " + subject);
            case 401, 403 -> new Failure(Failure.Kind.FORBIDDEN, "not-channel-admin", "Not an admin of the channel",
                    "WhatsApp refused it: only the channel's owner and admins may do this in " + subject);
            default -> new Failure(Failure.Kind.REFUSED, "channel-request-refused", "WhatsApp refused the channel request",
                    refused.code() + " " + refused.getMessage());
        };
    }
}
