package io.kubezap.simulator.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.simulator.channel.Channel;
import io.kubezap.simulator.channel.ChannelPost;
import it.auties.whatsapp.model.node.Node;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.kubezap.simulator.stream.ServerNodes.attributes;

/** The channel stanzas the server sends, shaped as whatsmeow, Baileys and Cobalt read them. */
final class ChannelNodes {
    private ChannelNodes() {
    }

    /**
     * A channel message: {@code <message from? id server_id t type><plaintext mediatype?>Message</plaintext>…}. Pushed to
     * followers it names the channel in {@code from}; in a history answer it also carries the counts
     * ({@code <views_count count/>}, {@code <reactions><reaction code count is_sender?/>}) as {@code viewer} sees them.
     */
    static Node message(Channel channel, ChannelPost post, String viewer, boolean pushed) {
        var attributes = attributes("id", post.id(), "server_id", post.serverId(), "t", post.timestamp().getEpochSecond(),
                "type", post.type());
        if (pushed) {
            attributes.put("from", channel.jid());
        }
        var plaintextAttributes = attributes();
        if (post.mediaType() != null) {
            plaintextAttributes.put("mediatype", post.mediaType());
        }
        var children = new ArrayList<Node>(List.of(Node.of("plaintext", plaintextAttributes, post.message())));
        if (!pushed) {
            children.add(Node.of("views_count", attributes("count", post.views())));
            children.add(reactions(post, viewer));
        }
        return Node.of("message", attributes, children.toArray(Node[]::new));
    }

    /** A message's counts alone, as {@code message_updates} and live updates carry them. */
    static Node counts(ChannelPost post, String viewer) {
        return Node.of("message", attributes("id", post.id(), "server_id", post.serverId(), "t", post.timestamp().getEpochSecond(),
                        "type", post.type()),
                Node.of("views_count", attributes("count", post.views())), reactions(post, viewer));
    }

    private static Node reactions(ChannelPost post, String viewer) {
        var own = post.reactionsBy().get(viewer);
        return Node.of("reactions", post.reactionCounts().entrySet().stream().map(entry -> {
            var reaction = attributes("code", entry.getKey(), "count", entry.getValue());
            if (entry.getKey().equals(own)) {
                reaction.put("is_sender", "true");
            }
            return Node.of("reaction", reaction);
        }).toList());
    }

    /** What the server answers a message sent to a channel: its server id, or the refusal. */
    static Node ack(String id, Channel channel, String channelJid, ChannelPost post, Instant now, Integer error) {
        var attributes = attributes("class", "message", "id", id, "from", channel == null ? channelJid : channel.jid(),
                "t", now.getEpochSecond());
        if (post != null) {
            attributes.put("server_id", post.serverId());
        }
        if (error != null) {
            attributes.put("error", error);
        }
        return Node.of("ack", attributes);
    }

    /** {@code <notification type="newsletter" from=channel><live_updates><messages>…} with new counts. */
    static Node liveUpdate(Channel channel, ChannelPost post, String viewer, Instant now) {
        return Node.of("notification", attributes("from", channel.jid(), "type", "newsletter", "id", ServerNodes.newId(),
                        "t", now.getEpochSecond()),
                Node.of("live_updates", Node.of("messages", counts(post, viewer))));
    }

    /**
     * {@code <notification type="mex"><update op_name>{"data":{field: payload}}</update>}: how WhatsApp tells an account's
     * devices that it followed, unfollowed or muted a channel (whatsmeow's {@code handleMexNotification}).
     */
    static Node mexNotification(String operationName, String dataField, JsonNode payload, Instant now) {
        var data = ChannelJson.JSON.createObjectNode();
        data.putObject("data").set(dataField, payload);
        return Node.of("notification", attributes("from", ServerNodes.SERVER, "type", "mex", "id", ServerNodes.newId(),
                        "t", now.getEpochSecond()),
                Node.of("update", attributes("op_name", operationName), data.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
