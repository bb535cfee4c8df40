package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.node.Node;

import java.util.Set;
import java.util.function.Consumer;

/**
 * Holds Cobalt's acknowledgement of a received message until the session pod has stored the message.
 *
 * <p>WhatsApp's server forgets a message once the client acknowledges it, by a delivery {@code receipt} or by an
 * {@code <ack class="message">} (wa-simulator's README, "Acknowledgements"). Cobalt 0.0.10 sends both on the socket's
 * reading thread right after it decrypted the message and started its listeners, without waiting for them: a pod
 * killed then had told WhatsApp it has a message it never stored. Every node Cobalt sends is built as a
 * {@code SocketRequest}, whose replacement asks here first; an acknowledgement of a message waits, on Cobalt's reading
 * thread (nothing more is read or decrypted meanwhile), until the engine has stored it.
 */
public final class MessageAcknowledgements {

    /** Receipt types that say "delivered": absent, or as a companion not in the foreground, or for its own account. */
    private static final Set<String> DELIVERY_RECEIPTS = Set.of("", "inactive", "sender", "peer_msg");

    private static volatile Consumer<Node> beforeAcknowledging = acknowledgement -> { };

    private MessageAcknowledgements() {
    }

    /** From now on every acknowledgement of a message waits until {@code storing} returns for it. */
    static void holdUntil(Consumer<Node> storing) {
        beforeAcknowledging = storing;
    }

    /** Returns once {@code body}, a node (or bytes) Cobalt is about to send, may go. */
    public static void beforeSending(Object body) {
        if (body instanceof Node node && acknowledgesMessage(node)) {
            beforeAcknowledging.accept(node);
        }
    }

    static boolean acknowledgesMessage(Node node) {
        return switch (node.description()) {
            case "ack" -> "message".equals(node.attributes().getString("class", ""));
            case "receipt" -> DELIVERY_RECEIPTS.contains(node.attributes().getString("type", ""));
            default -> false;
        };
    }
}
