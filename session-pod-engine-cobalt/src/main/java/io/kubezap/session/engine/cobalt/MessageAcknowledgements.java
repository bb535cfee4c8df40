package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.lid.LidFirst;
import io.kubezap.cobalt.patches.OutgoingNodes;
import io.kubezap.cobalt.tokens.PrivacyTokens;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.socket.SocketHandler;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Holds Cobalt's acknowledgement of a received message until the session pod has stored the message.
 *
 * <p>WhatsApp's server forgets a message once the client acknowledges it, by a delivery {@code receipt} or by an
 * {@code <ack class="message">} (wa-simulator's README, "Acknowledgements"). Cobalt 0.0.10 sends its ack (and, only
 * with {@code automaticMessageReceipts}, off for web companions, a receipt) on the socket's reading thread right after it
 * decrypted the message and started its listeners, without waiting for them: a pod killed then had told WhatsApp it has
 * a message it never stored. Every node Cobalt sends is built as a
 * {@code SocketRequest}, whose replacement (kubezap-cobalt-patches) lets the client's write lock, {@link OutgoingNodes},
 * replace what it sends; this puts the hold in each client's lock. An acknowledgement of a message waits, on Cobalt's reading
 * thread (nothing more is read or decrypted meanwhile), until the engine has stored it. The engine may also send
 * something else in its place, or nothing ({@link Withheld}): a contact's message, once stored, is answered with its
 * delivery receipt as WhatsApp Web does ({@link DeliveryReceipts}); a message it could not decrypt with a retry
 * receipt, never acknowledged as delivered ({@link UndecryptableMessages}).
 */
public final class MessageAcknowledgements {

    /** Receipt types that say "delivered": absent, or as a companion not in the foreground, or for its own account. */
    private static final Set<String> DELIVERY_RECEIPTS = Set.of("", "inactive", "sender", "peer_msg");

    private MessageAcknowledgements() {
    }

    /**
     * From now on every acknowledgement of a message {@code client} sends waits until {@code storing} returns for it,
     * and what it returns is sent instead (the acknowledgement itself, or another node); it throws {@link Withheld} to
     * send nothing. Anything else the client sends goes as it is, each handshake frame once {@code checkLease} passed
     * ({@link LoginGate}). {@code tokensKept} runs when the client's privacy tokens changed in its store. Called before the
     * client connects.
     */
    static void holdUntil(Whatsapp client, UnaryOperator<Node> storing, Runnable checkLease, Runnable tokensKept) {
        var gate = new LoginGate(checkLease, hold(storing));
        // Cobalt 0.0.10 attaches no privacy token: the one-to-one messages it sends get theirs here (cobalt-patches)
        var tokens = PrivacyTokens.of(client, tokensKept);
        // a one-to-one message built for a number whose LID is known goes to the LID (LidFirstSends), its token kept by number
        var lids = LidFirst.of(client);
        // buttons and lists get the <biz> node Cobalt 0.0.10 does not write (BizNodes)
        var biz = BizNodes.of(client);
        OutgoingNodes.install((SocketHandler) RawNodes.socketHandler(client),
                body -> gate.apply(lids.address(tokens.attach(biz.attach(body)))));
    }

    /** What goes out in place of {@code body}: an acknowledgement of a message once {@code storing} returned for it. */
    static UnaryOperator<Object> hold(UnaryOperator<Node> storing) {
        return body -> body instanceof Node node && acknowledgesMessage(node) ? storing.apply(node) : body;
    }

    /** An acknowledgement the session pod does not send (the message it would acknowledge was not decrypted). */
    static final class Withheld extends RuntimeException {
        Withheld(String message) {
            super(message, null, false, false);
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
