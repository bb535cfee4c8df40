package it.auties.whatsapp.socket;

import io.kubezap.cobalt.patches.OutgoingNodes;
import it.auties.whatsapp.exception.RequestException;
import it.auties.whatsapp.model.node.Node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Replaces Cobalt 0.0.10's {@code SocketRequest} (the session pod removes the jar's class), with the same components and
 * the same 60-second wait for an answer. Cobalt builds one for every node it sends, on the thread that sends it; building
 * it first lets the session pod hold an acknowledgement of a received message until the message is stored, or send a
 * retry receipt in its place for a message that could not be decrypted ({@link OutgoingNodes}).
 *
 * <p>Its constructors are public, where the original's short one is package-private: Cobalt's classes reach it
 * whichever class loader holds each side.
 */
public record SocketRequest(String id, Object body, CompletableFuture<Node> future, Function<Node, Boolean> filter) {

    private static final long ANSWER_SECONDS = 60;

    public SocketRequest {
        body = OutgoingNodes.beforeSending(body);
    }

    public SocketRequest(String id, Function<Node, Boolean> filter, Object body) {
        this(id, body, answerWithinTime(body), filter);
    }

    private static CompletableFuture<Node> answerWithinTime(Object body) {
        return new CompletableFuture<Node>()
                .orTimeout(ANSWER_SECONDS, TimeUnit.SECONDS)
                .exceptionally(timeout -> {
                    throw new RequestException("Node timed out: " + body);
                });
    }

    /** Completes the request with {@code response} when it is the answer it waits for. */
    public boolean complete(Node response) {
        var answers = response == Node.empty() || filter == null || filter.apply(response);
        if (answers) {
            future.complete(response);
        }
        return answers;
    }
}
