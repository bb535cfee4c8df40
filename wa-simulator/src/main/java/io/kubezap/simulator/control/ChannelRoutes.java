package io.kubezap.simulator.control;

import io.kubezap.simulator.channel.Channel;
import io.kubezap.simulator.channel.ChannelPost;
import io.kubezap.simulator.content.ChannelPostChecks;
import io.kubezap.simulator.content.Content;
import io.kubezap.simulator.content.MessageContents;
import io.kubezap.simulator.media.MediaType;
import io.kubezap.simulator.phone.OutgoingMedia;
import io.kubezap.simulator.stream.ChannelFeed;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control API's channels (newsletters): a phone creates one, posts to it, follows, unfollows and reacts; what the
 * server holds (followers, messages with their reactions and views) and what reached each follower.
 */
final class ChannelRoutes {
    private static final String CHANNEL = "/api/channels/([0-9]+)(?:@newsletter)?";
    private static final String PHONE_CHANNELS = "/api/phones/([0-9]+)/channels";

    record CreateChannel(String name, String description, String picture) {
    }

    record Post(String text, String from, String type, Views.MediaBody media, String caption) {
    }

    record Follower(String number) {
    }

    record React(String from, String emoji) {
    }

    record UpdateChannel(String name, String description, String picture, Boolean verified) {
    }

    record PostView(long serverId, String id, String type, String mediaType, String text, String caption, String directPath,
                    String timestamp, Map<String, Integer> reactions, Map<String, String> reactionsBy, int views, List<String> audience,
                    List<String> problems) {
        static PostView of(ChannelPost post) {
            var content = contentOf(post);
            var media = content instanceof Content.Media attached ? attached.media() : null;
            return new PostView(post.serverId(), post.id(), post.type(), post.mediaType(),
                    content instanceof Content.Text text ? text.text() : null, media == null ? null : media.caption(),
                    media == null ? null : media.directPath(), post.timestamp().toString(), post.reactionCounts(), post.reactionsBy(),
                    post.views(), List.copyOf(post.audience()), ChannelPostChecks.problems(post.type(), post.mediaType(), content));
        }
    }

    record ChannelView(String jid, String name, String description, String inviteCode, String inviteLink, String owner,
                       List<String> followers, int subscriberCount, boolean verified, String pictureId, String createdAt,
                       List<PostView> messages) {
        static ChannelView of(Channel channel, List<ChannelPost> posts) {
            return new ChannelView(channel.jid(), channel.name(), channel.description(), channel.inviteCode(),
                    "https://whatsapp.com/channel/" + channel.inviteCode(), channel.owner(), channel.followers(),
                    channel.followers().size(), channel.verified(), channel.picture().map(picture -> picture.id()).orElse(null),
                    channel.creation().toString(), posts.stream().map(PostView::of).toList());
        }

        static ChannelView of(Channel channel) {
            return of(channel, channel.posts());
        }
    }

    private ChannelRoutes() {
    }

    static List<Route> routes(ChannelFeed feed, GroupRoutes.BodyReader reader) {
        var channels = feed.channels();
        return List.of(
                Route.of("POST", PHONE_CHANNELS, (parameters, body) -> {
                    var request = reader.read(body, CreateChannel.class);
                    return ApiResponse.created(ChannelView.of(feed.create(parameters.get(0), request.name(), request.description(),
                            base64(request.picture()))));
                }),
                Route.of("GET", PHONE_CHANNELS, (parameters, body) -> ApiResponse.ok(channels.followedBy(parameters.get(0)).stream()
                        .map(channel -> ChannelView.of(channel, channel.posts().stream()
                                .filter(post -> post.audience().contains(parameters.get(0))).toList())).toList())),
                Route.of("GET", "/api/channels", (parameters, body) -> ApiResponse.ok(channels.all().stream().map(ChannelView::of).toList())),
                Route.of("GET", CHANNEL, (parameters, body) -> ApiResponse.ok(ChannelView.of(channels.require(parameters.get(0))))),
                Route.of("PATCH", CHANNEL, (parameters, body) -> {
                    var request = reader.read(body, UpdateChannel.class);
                    var channel = channels.require(parameters.get(0));
                    if (request.name() != null || request.description() != null || request.picture() != null) {
                        feed.update(channel.owner(), channel.id(), request.name(), request.description(), base64(request.picture()));
                    }
                    if (request.verified() != null) {
                        channels.verify(channel.id(), request.verified());
                    }
                    return ApiResponse.ok(ChannelView.of(channel));
                }),
                Route.of("GET", CHANNEL + "/messages", (parameters, body) -> ApiResponse.ok(channels.require(parameters.get(0)).posts()
                        .stream().map(PostView::of).toList())),
                Route.of("POST", CHANNEL + "/messages", (parameters, body) -> {
                    var request = reader.read(body, Post.class);
                    var channel = channels.require(parameters.get(0));
                    var from = request.from() == null || request.from().isBlank() ? channel.owner() : request.from();
                    return ApiResponse.created(PostView.of(post(feed, from, channel.id(), request)));
                }),
                Route.of("POST", CHANNEL + "/messages/([0-9]+)/reactions", (parameters, body) -> {
                    var request = reader.read(body, React.class);
                    if (request.from() == null || request.from().isBlank()) {
                        throw new IllegalArgumentException("from (the reacting phone's number) is required");
                    }
                    return ApiResponse.ok(PostView.of(feed.react(request.from(), parameters.get(0), Long.parseLong(parameters.get(1)),
                            request.emoji())));
                }),
                Route.of("POST", CHANNEL + "/followers", (parameters, body) -> {
                    var number = reader.read(body, Follower.class).number();
                    if (number == null || number.isBlank()) {
                        throw new IllegalArgumentException("number (the following phone's number) is required");
                    }
                    feed.follow(number, parameters.get(0));
                    return ApiResponse.ok(ChannelView.of(channels.require(parameters.get(0))));
                }),
                Route.of("DELETE", CHANNEL + "/followers/([0-9]+)", (parameters, body) -> {
                    feed.unfollow(parameters.get(1), parameters.get(0));
                    return ApiResponse.ok(ChannelView.of(channels.require(parameters.get(0))));
                }));
    }

    /** A text, or a file ({@code type} image, video, audio, voice, document or sticker, with {@code media} and {@code caption}). */
    private static ChannelPost post(ChannelFeed feed, String from, String channelId, Post request) {
        if (request.type() == null || request.type().equals("text")) {
            return feed.postText(from, channelId, request.text());
        }
        var type = MediaType.fromId(request.type()).orElseThrow(() -> new IllegalArgumentException(
                "type is text, image, video, audio, voice, document or sticker, got " + request.type()));
        var media = Optional.ofNullable(request.media())
                .orElseThrow(() -> new IllegalArgumentException("A " + type.id() + " post needs media: {data, mimeType, fileName}"));
        return feed.postMedia(from, channelId, new OutgoingMedia(type, ControlApi.decodeBase64(media.data(), "media.data"),
                media.mimeType(), media.fileName(), request.caption(), null,
                media.dimensions()));
    }

    private static Content contentOf(ChannelPost post) {
        try {
            return MessageContents.parse(post.message()).content();
        } catch (RuntimeException unreadable) {
            return new Content.Unknown();
        }
    }

    private static byte[] base64(String data) {
        return ControlApi.decodeBase64(data, "picture");
    }
}
