package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.ChannelPost;
import io.kubezap.session.engine.ChannelRefusedException;
import io.kubezap.session.engine.SendFailedException;
import it.auties.whatsapp.api.Whatsapp;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageTraits;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import it.auties.whatsapp.model.node.Node;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Channel messages as stanzas: a post is {@code <message id server_id t type><plaintext>Message</plaintext>} (not
 * Signal-encrypted), with {@code from} the channel when pushed to a follower, and its counts ({@code views_count},
 * {@code reactions}) in a history answer; the account posts {@code <message to type><plaintext>} and reacts
 * {@code <message to type="reaction" server_id><reaction code/></message>}.
 */
final class NewsletterMessages {
    static final String SERVER = "newsletter";

    private NewsletterMessages() {
    }

    static boolean isPost(Node node) {
        return node.description().equals("message") && node.findChild("plaintext").isPresent();
    }

    static boolean fromChannel(Node node) {
        return node.attributes().getOptionalString("from").filter(from -> from.endsWith("@" + SERVER)).isPresent();
    }

    /** A post pushed to the account as a follower, as the message the session stores and announces. */
    static Optional<EngineEvent.IncomingMessage> incoming(Node node, Instant receivedAt) {
        if (!isPost(node) || !fromChannel(node)) {
            return Optional.empty();
        }
        var channel = node.attributes().getString("from", "");
        var serverId = node.attributes().getLong("server_id");
        return Optional.of(new EngineEvent.IncomingMessage(node.attributes().getString("id", ""), channel, channel, null,
                content(node), null, List.of(), timestamp(node, receivedAt), false, MessageTraits.NONE.inChannel(serverId)));
    }

    /** A post of a history answer, with its counts as the account sees them. */
    static ChannelPost post(Node node, Instant receivedAt) {
        var reactions = new LinkedHashMap<String, Long>();
        String mine = null;
        for (var reaction : node.findChild("reactions").map(found -> found.listChildren("reaction")).orElse(List.of())) {
            var code = reaction.attributes().getString("code", "");
            reactions.put(code, reaction.attributes().getLong("count"));
            if (reaction.attributes().getBoolean("is_sender")) {
                mine = code;
            }
        }
        var views = node.findChild("views_count").map(count -> count.attributes().getLong("count")).orElse(0L);
        return new ChannelPost(node.attributes().getLong("server_id"), node.attributes().getString("id", ""),
                timestamp(node, receivedAt), content(node), views, Map.copyOf(reactions), mine);
    }

    /** {@code type} as WhatsApp's apps write it and read it to show the post: {@code poll} for a poll, else {@code text}. */
    static Node outgoing(String channelJid, String messageId, MessageContainer message, boolean poll) {
        return Node.of("message", Map.of("to", channelJid, "id", messageId, "type", poll ? "poll" : "text"),
                Node.of("plaintext", MessageContainerSpec.encode(message)));
    }

    static Node reaction(String channelJid, String messageId, long serverId, String emoji) {
        return Node.of("message", Map.of("to", channelJid, "id", messageId, "type", "reaction", "server_id", String.valueOf(serverId)),
                Node.of("reaction", Map.of("code", emoji)));
    }

    /** Sends a stanza to a channel; completes with the server's {@code ack}, or fails with its refusal. */
    static CompletableFuture<Node> send(Whatsapp client, Node message) {
        if (client == null || !client.isConnected()) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        return client.sendNode(message).thenApply(ack -> {
            refusal(ack).ifPresent(code -> {
                throw new ChannelRefusedException(code, "WhatsApp refused the message to " + message.attributes().getString("to", "?"));
            });
            return ack;
        });
    }

    /** The server's {@code ack} of what the account sent to a channel names a refusal in {@code error}. */
    static Optional<Integer> refusal(Node ack) {
        return ack.attributes().getOptionalString("error").map(Integer::parseInt);
    }

    private static MessageContent content(Node node) {
        return node.findChild("plaintext").flatMap(Node::contentAsBytes)
                .map(bytes -> IncomingMessageMapper.content(MessageContainerSpec.decode(bytes).content()))
                .orElse(new MessageContent.Other("empty", null));
    }

    private static Instant timestamp(Node node, Instant receivedAt) {
        var seconds = node.attributes().getLong("t");
        return seconds > 0 ? Instant.ofEpochSecond(seconds) : receivedAt;
    }
}
