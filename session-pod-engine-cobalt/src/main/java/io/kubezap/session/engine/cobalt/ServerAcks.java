package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.client.PerClient;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The server's ack of a message the session sent ({@code <ack class="message" id=…>}, with {@code error} when WhatsApp
 * refused it). Cobalt 0.0.10 completes a group send once its stanza is written and drops an ack's error, so a send that
 * must know whether WhatsApp took the message waits here for its ack.
 */
final class ServerAcks {
    private static final long PATIENCE_SECONDS = 20;
    private static final PerClient<ServerAcks> CLIENTS = new PerClient<>();

    private final Map<String, CompletableFuture<Optional<String>>> waiting = new ConcurrentHashMap<>();

    private ServerAcks() {
    }

    static synchronized ServerAcks of(Whatsapp client) {
        return CLIENTS.of(client).orElseGet(() -> {
            var acks = CLIENTS.keep(client, new ServerAcks());
            client.addNodeReceivedListener(acks::onNode);
            return acks;
        });
    }

    /** The error of message {@code id}'s ack: empty once accepted, or when no ack came in time. Asked before the send. */
    CompletableFuture<Optional<String>> errorOf(String id) {
        var ack = new CompletableFuture<Optional<String>>();
        waiting.put(id, ack);
        return ack.completeOnTimeout(Optional.empty(), PATIENCE_SECONDS, TimeUnit.SECONDS)
                .whenComplete((error, failure) -> waiting.remove(id, ack));
    }

    private void onNode(Node node) {
        if (!node.hasDescription("ack") || !"message".equals(node.attributes().getString("class", ""))) {
            return;
        }
        var ack = waiting.remove(node.id());
        if (ack != null) {
            var error = node.attributes().getString("error", "");
            ack.complete(error.isEmpty() ? Optional.empty() : Optional.of(error));
        }
    }
}
