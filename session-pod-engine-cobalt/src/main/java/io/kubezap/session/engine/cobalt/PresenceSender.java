package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent.PresenceState;
import io.kubezap.session.engine.NumberOnWhatsApp;
import io.kubezap.session.engine.SendFailedException;
import it.auties.whatsapp.socket.SocketHandler;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * This account's presence and chat states, and what it asks about others (number checks, presence subscriptions). Cobalt 0.0.10 sends "paused" as a presence stanza instead of a chat
 * state, and skips an availability change it believes it already made; both are sent here as WhatsApp's clients send
 * them: {@code presence} with {@code type} and the push name, {@code chatstate} to the chat.
 */
final class PresenceSender {

    CompletionStage<Void> set(Whatsapp client, boolean available) {
        return send(client, () -> {
            var name = client.store().name();
            client.store().setOnline(available);
            return Node.of("presence", name == null ? Map.of("type", available ? "available" : "unavailable")
                    : Map.of("type", available ? "available" : "unavailable", "name", name));
        });
    }

    CompletionStage<Void> chatState(Whatsapp client, String chatJid, PresenceState state) {
        return send(client, () -> {
            var signal = switch (state) {
                case COMPOSING -> Node.of("composing");
                case RECORDING -> Node.of("composing", Map.of("media", "audio"));
                case PAUSED -> Node.of("paused");
                default -> throw new IllegalArgumentException("not a chat state: " + state);
            };
            return Node.of("chatstate", Map.of("to", OutgoingMessageBuilder.jid(chatJid)), signal);
        });
    }

    /**
     * Whether each number is on WhatsApp and its linked identity, by one usync query for {@code contact} and
     * {@code lid} (Cobalt's {@code hasWhatsapp} asks for the contact alone).
     */
    CompletionStage<Map<String, NumberOnWhatsApp>> checkNumbers(Whatsapp client, List<String> phoneDigits) {
        if (!connected(client)) {
            return notConnected();
        }
        try {
            var users = phoneDigits.stream().map(digits -> Node.of("user", Node.of("contact", ("+" + digits).getBytes(StandardCharsets.UTF_8)))).toList();
            var usync = Node.of("usync", Map.of("sid", SocketHandler.randomSid(), "mode", "query", "last", "true", "index", "0",
                    "context", "interactive"), Node.of("query", Node.of("contact"), Node.of("lid")), Node.of("list", users));
            var iq = Node.of("iq", new HashMap<>(Map.of("id", SocketHandler.randomSid(), "to", JidServer.whatsapp().toJid(), "type", "get",
                    "xmlns", "usync")), usync);
            return client.sendNode(iq).thenApply(answer -> UsyncNumbers.read(CobaltNodes.view(answer), phoneDigits));
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Numbers not checked: " + refused, true, refused));
        }
    }

    CompletionStage<java.util.Optional<io.kubezap.session.engine.UsernameOwner>> resolveUsername(Whatsapp client, String username) {
        if (!connected(client)) {
            return notConnected();
        }
        try {
            return client.sendNode(UsyncUsernames.query(username)).thenApply(answer -> {
                var owner = UsyncUsernames.read(CobaltNodes.view(answer), username);
                // the pairing WhatsApp just gave: the messages that follow go to the LID
                owner.filter(found -> found.phoneJid() != null).ifPresent(found -> new LidPairs(() -> client)
                        .accept(new io.kubezap.session.engine.EngineEvent.AddressLearned(found.lidJid(), found.phoneJid(), "username")));
                return owner;
            });
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Username not resolved: " + refused, true, refused));
        }
    }

    CompletionStage<Void> block(Whatsapp client, String jid, boolean blocked) {
        if (!connected(client)) {
            return notConnected();
        }
        try {
            var contact = OutgoingMessageBuilder.jid(jid);
            return blocked ? client.blockContact(contact) : client.unblockContact(contact);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Block list not changed: " + refused, true, refused));
        }
    }

    CompletionStage<List<String>> blockList(Whatsapp client) {
        if (!connected(client)) {
            return notConnected();
        }
        return client.queryBlockList().thenApply(jids -> jids.stream().map(jid -> jid.toSimpleJid().toString()).toList());
    }

    CompletionStage<Void> subscribe(Whatsapp client, String jid) {
        if (!connected(client)) {
            return notConnected();
        }
        try {
            return client.subscribeToPresence(OutgoingMessageBuilder.jid(jid));
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Presence not subscribed: " + refused, true, refused));
        }
    }

    private CompletionStage<Void> send(Whatsapp client, java.util.function.Supplier<Node> node) {
        if (!connected(client)) {
            return notConnected();
        }
        try {
            RawNodes.sendWithoutAnswer(client, node.get());
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Not sent: " + refused.getMessage(), true, refused));
        }
    }

    private static boolean connected(Whatsapp client) {
        return client != null && client.isConnected() && client.store().jid().isPresent();
    }

    private static <T> CompletionStage<T> notConnected() {
        return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
    }

}
