package io.kubezap.simulator.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.simulator.channel.Channel;
import io.kubezap.simulator.channel.ChannelException;
import io.kubezap.simulator.channel.Channels;
import it.auties.whatsapp.model.node.Node;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import static io.kubezap.simulator.stream.ServerNodes.attributes;

/**
 * The channel IQs a companion sends. {@code w:mex} (WhatsApp's GraphQL: {@code <query query_id>{"variables":…}}, answered
 * {@code <result>{"data":{field:…}}</result>}, a refusal as {@code {"errors":[{message, extensions:{error_code}}]}}): fetch a
 * channel by JID or invite code, the channels followed, create, follow, unfollow, mute, unmute, update (see
 * {@link MexOperation}). {@code newsletter}: {@code messages} (history by {@code count}/{@code before}), {@code
 * message_updates} (counts) and {@code live_updates}.
 */
final class ChannelIqs {
    private static final int DEFAULT_HISTORY = 50;

    private final ChannelFeed feed;
    private final Channels channels;

    ChannelIqs(ChannelFeed feed) {
        this.feed = feed;
        this.channels = feed.channels();
    }

    Optional<Node> answer(ChatSession session, Node iq) {
        var xmlns = iq.attributes().getString("xmlns", "");
        if (session.deviceJid().isEmpty() || !(xmlns.equals("w:mex") || xmlns.equals("newsletter"))) {
            return Optional.empty();
        }
        var account = session.deviceJid().get().user();
        return xmlns.equals("w:mex") ? mex(iq, account) : newsletter(session, iq, account);
    }

    private Optional<Node> mex(Node iq, String account) {
        var query = iq.findChild("query");
        if (query.isEmpty()) {
            return Optional.empty();
        }
        var queryId = query.get().attributes().getString("query_id", "");
        var variables = variables(query.get());
        var operation = MexOperation.of(queryId, variables);
        if (operation.isEmpty()) {
            return Optional.of(result(iq, errors(400, "Unknown query " + queryId, null)));
        }
        try {
            var data = ChannelJson.JSON.createObjectNode();
            data.putObject("data").set(operation.get().dataField(), run(operation.get(), variables, account));
            return Optional.of(result(iq, data));
        } catch (ChannelException refused) {
            return Optional.of(result(iq, errors(refused.code(), refused.getMessage(), operation.get().dataField())));
        }
    }

    private JsonNode run(MexOperation operation, JsonNode variables, String account) {
        return switch (operation) {
            case FETCH -> fetch(variables, account);
            case SUBSCRIBED -> {
                var list = ChannelJson.JSON.createArrayNode();
                channels.followedBy(account).forEach(channel -> list.add(ChannelJson.metadata(channel, account, true)));
                yield list;
            }
            case CREATE -> {
                var input = variables.has("newsletter_input") ? variables.path("newsletter_input") : variables.path("input");
                yield ChannelJson.metadata(feed.create(account, text(input, "name"), text(input, "description"),
                        picture(input)), account, true);
            }
            case FOLLOW -> {
                var channel = channel(variables);
                feed.follow(account, channel.id());
                yield ChannelJson.metadata(channel, account, true);
            }
            case UNFOLLOW -> {
                var channel = channel(variables);
                feed.unfollow(account, channel.id());
                yield ChannelJson.JSON.createObjectNode().put("id", channel.jid());
            }
            case MUTE, UNMUTE -> {
                var channel = channel(variables);
                feed.mute(account, channel.id(), operation == MexOperation.MUTE);
                yield ChannelJson.JSON.createObjectNode().put("id", channel.jid());
            }
            case UPDATE -> {
                var updates = variables.path("updates");
                var channel = feed.update(account, channel(variables).id(), text(updates, "name"), text(updates, "description"),
                        updates.hasNonNull("picture") ? Base64.getDecoder().decode(updates.get("picture").asText()) : null);
                yield ChannelJson.metadata(channel, account, false);
            }
        };
    }

    /** {@code input: {key, type: JID|INVITE}}; {@code fetch_viewer_metadata} adds the asker's role and mute. */
    private JsonNode fetch(JsonNode variables, String account) {
        var input = variables.path("input");
        var key = input.path("key").asText("");
        var channel = "INVITE".equalsIgnoreCase(input.path("type").asText("JID"))
                ? channels.byInviteCode(key).orElseThrow(() -> new ChannelException(404, "No channel with invite " + key))
                : channels.require(key);
        return ChannelJson.metadata(channel, account, variables.path("fetch_viewer_metadata").asBoolean(false));
    }

    private Optional<Node> newsletter(ChatSession session, Node iq, String account) {
        var request = iq.children().peekFirst();
        if (request == null) {
            return Optional.of(ServerNodes.error(iq, 400, "bad-request"));
        }
        try {
            return Optional.of(switch (request.description()) {
                case "messages" -> ServerNodes.result(iq, history(request, account));
                case "message_updates" -> ServerNodes.result(iq, updates(iq.attributes().getString("to", ""), request, account));
                case "live_updates" -> ServerNodes.result(iq, feed.subscribeLiveUpdates(session, iq.attributes().getString("to", "")));
                default -> ServerNodes.error(iq, 400, "bad-request");
            });
        } catch (ChannelException refused) {
            return Optional.of(ServerNodes.error(iq, refused.code(), refused.code() == 404 ? "item-not-found" : "bad-request"));
        }
    }

    /** {@code <messages type="jid" jid count before/>} or {@code type="invite" key}: oldest first, counts as the asker sees them. */
    private Node history(Node request, String account) {
        var attributes = request.attributes();
        var channel = "invite".equals(attributes.getString("type", "jid"))
                ? channels.byInviteCode(attributes.getString("key", "")).orElseThrow(() -> new ChannelException(404, "No such invite"))
                : channels.require(attributes.getString("jid", ""));
        var posts = channels.history(channel.id(), attributes.getOptionalInt("count").orElse(DEFAULT_HISTORY), attributes.getLong("before"));
        return Node.of("messages", attributes("jid", channel.jid(), "t", System.currentTimeMillis() / 1000),
                posts.stream().map(post -> ChannelNodes.message(channel, post, account, false)).toList());
    }

    /** {@code <message_updates count after? since?/>} to a channel: the counts of its newest messages (after a server id, since a time). */
    private Node updates(String channelId, Node request, String account) {
        var after = request.attributes().getLong("after");
        var since = request.attributes().getLong("since");
        var posts = channels.require(channelId).posts().stream()
                .filter(post -> post.serverId() > after && post.timestamp().getEpochSecond() >= since).toList();
        var newest = posts.subList(Math.max(0, posts.size() - request.attributes().getOptionalInt("count").orElse(DEFAULT_HISTORY)), posts.size());
        return Node.of("message_updates", Node.of("messages", newest.stream().map(post -> ChannelNodes.counts(post, account)).toList()));
    }

    private Channel channel(JsonNode variables) {
        return channels.require(variables.path("newsletter_id").asText(""));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static byte[] picture(JsonNode input) {
        return input.hasNonNull("picture") ? Base64.getDecoder().decode(input.get("picture").asText()) : null;
    }

    private static JsonNode variables(Node query) {
        try {
            return ChannelJson.JSON.readTree(query.contentAsString().orElse("{}")).path("variables");
        } catch (JsonProcessingException malformed) {
            return ChannelJson.JSON.createObjectNode();
        }
    }

    private static ObjectNode errors(int code, String message, String path) {
        var answer = ChannelJson.JSON.createObjectNode();
        if (path != null) {
            answer.putObject("data").putNull(path);
        }
        var error = answer.putArray("errors").addObject();
        error.put("message", message);
        var extensions = error.putObject("extensions");
        extensions.put("error_code", code);
        extensions.put("is_retryable", false);
        extensions.put("severity", "CRITICAL");
        if (path != null) {
            error.putArray("path").add(path);
        }
        return answer;
    }

    private static Node result(Node iq, ObjectNode json) {
        return ServerNodes.result(iq, Node.of("result", json.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
