package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineEvent.Receipt;
import it.auties.whatsapp.model.jid.Jid;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Receipts for sent messages, read from the server's {@code receipt} nodes. Cobalt 0.0.10 reports a receipt only
 * for a message it finds in its own store, and after a restart it files the chats it restores under jids its
 * decoder never produces (see {@link OutgoingMessageBuilder#jid}): receipts for messages sent before a restart went
 * missing. The node names the chat, the message ids and the kind of receipt, which is all the pod needs.
 */
final class ReceiptNodes {

    private ReceiptNodes() {
    }

    /** The receipts one node carries: its {@code id} and those of its {@code list}; none for other kinds of receipt. */
    static List<EngineEvent.ReceiptReceived> of(NodeView node, Instant at) {
        var receipt = receipt(node.attribute("type"));
        var from = node.attribute("from");
        if (!node.tag().equals("receipt") || receipt.isEmpty() || from.isEmpty()) {
            return List.of();
        }
        var chat = Jid.of(from.get()).toSimpleJid().toString();
        var participant = node.attribute("participant").map(jid -> Jid.of(jid).toSimpleJid().toString()).orElse(null);
        var listed = node.children("list").stream().flatMap(list -> list.children("item").stream())
                .flatMap(item -> item.attribute("id").stream());
        return Stream.concat(node.attribute("id").stream(), listed)
                .map(id -> new EngineEvent.ReceiptReceived(id, chat, receipt.get(), at, participant))
                .toList();
    }

    /** No type is a delivery; {@code read-self}, {@code sender}, {@code retry} and the like are not about the recipient. */
    private static Optional<Receipt> receipt(Optional<String> type) {
        return switch (type.orElse("")) {
            case "" -> Optional.of(Receipt.DELIVERED);
            case "read" -> Optional.of(Receipt.READ);
            case "played" -> Optional.of(Receipt.PLAYED);
            default -> Optional.empty();
        };
    }
}
