package it.auties.whatsapp.socket;

import io.kubezap.cobalt.patches.OutgoingNodes;
import it.auties.whatsapp.exception.RequestException;
import it.auties.whatsapp.model.node.Node;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Replaces Cobalt 0.0.10's {@code SocketRequest} (the session pod removes the jar's class), with the same accessors and
 * the same 60-second wait for an answer. Cobalt builds one for every node it sends, on the thread that then sends it; what
 * it sends ({@link #body()}) may be replaced until the client's write lock is taken: the session pod's engine adapter
 * holds an acknowledgement of a received message there until the message is stored, or sends a retry receipt in its
 * place for a message that could not be decrypted ({@link OutgoingNodes}, installed per client).
 *
 * <p>A class, not a record as Cobalt's: its body is replaceable. Its constructors are public, where the original's short
 * one is package-private: Cobalt's classes reach it whichever class loader holds each side.
 */
public final class SocketRequest {

    private static final long ANSWER_SECONDS = 60;

    private final String id;
    private final OutgoingNodes.Outgoing body;
    private final CompletableFuture<Node> future;
    private final Function<Node, Boolean> filter;

    public SocketRequest(String id, Object body, CompletableFuture<Node> future, Function<Node, Boolean> filter) {
        this.id = id;
        this.body = OutgoingNodes.built(body);
        this.future = future;
        this.filter = filter;
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

    public String id() {
        return id;
    }

    /** What is sent: the node (or bytes) Cobalt built, or what the client's write lock put in its place. */
    public Object body() {
        return body.sent();
    }

    public CompletableFuture<Node> future() {
        return future;
    }

    public Function<Node, Boolean> filter() {
        return filter;
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
