package io.kubezap.cobalt.patches;

import java.util.function.UnaryOperator;

/**
 * What Cobalt 0.0.10 is about to send, seen by the session pod before it is encoded ({@code SocketRequest}, replaced in
 * this module, asks here for every node and frame). The pod holds a received message's acknowledgement here until it
 * has stored the message, or sends something else in its place.
 *
 * <p>One setting for the process, not per client: Cobalt builds a {@code SocketRequest} with no link to the client it
 * belongs to, and no per-client object sees a node between the code that builds an acknowledgement and its encryption
 * ({@code SocketHandler.sendRequest}). The session pod runs one client at a time and sets the hold for each new one
 * (README, "The acknowledgement hold").
 */
public final class OutgoingNodes {

    private static volatile UnaryOperator<Object> beforeSending = UnaryOperator.identity();

    private OutgoingNodes() {
    }

    /** From now on every node or frame Cobalt sends passes through {@code hold} first; what it returns is sent instead. */
    public static void hold(UnaryOperator<Object> hold) {
        beforeSending = hold;
    }

    /**
     * What to send in place of {@code body}, a node (or bytes) Cobalt is about to send, once it may go.
     *
     * @throws RuntimeException when nothing is to be sent: Cobalt's send fails, which it ignores for acknowledgements
     */
    public static Object beforeSending(Object body) {
        return beforeSending.apply(body);
    }
}
