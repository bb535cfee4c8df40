package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.message.payment.PaymentOrderMessage;
import it.auties.whatsapp.model.node.Node;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Orders customers place from the account's catalog, as the Baileys bridge reads them: WhatsApp's {@code orderMessage}
 * (38, Cobalt 0.0.10's {@code PaymentOrderMessage}) holds the order's id, item count, total and a token; its items are
 * the seller's to read, with one order-details query ({@code fb:thrift_iq}, {@code <order op="get">} with the token),
 * before the order is stored. When WhatsApp does not answer (not the seller, no token) the order is stored without them.
 */
final class CatalogOrders {

    private static final Logger LOG = Logger.getLogger(CatalogOrders.class);
    /** How long an order's storing waits for its items (its acknowledgement waits as long: {@link OrderAcknowledgements}). */
    private static final long DETAILS_WAIT_SECONDS = 20;
    private static final String PICTURE_SIDE = "100";

    private CatalogOrders() {
    }

    /** The order as the port has it, without its items (they are read with {@link #withItems}). */
    static MessageContent.Order read(PaymentOrderMessage order) {
        return new MessageContent.Order(order.id(), order.title().orElse(null), order.message().orElse(null), order.itemCount(),
                order.status() == null ? null : order.status().name().toLowerCase(Locale.ROOT),
                order.sellerId() == null ? null : order.sellerId().toString(), order.amount(), order.currency(), List.of());
    }

    /** Whether {@code info} is an order whose items WhatsApp lists to the one holding its token. */
    static boolean hasItemsToRead(ChatMessageInfo info) {
        return info.message().content() instanceof PaymentOrderMessage order && order.token() != null;
    }

    /** {@code incoming} ({@code info} mapped) with its order's items when it is an order and WhatsApp lists them. */
    static EngineEvent.IncomingMessage withItems(Whatsapp client, ChatMessageInfo info, EngineEvent.IncomingMessage incoming) {
        if (!(info.message().content() instanceof PaymentOrderMessage order) || order.token() == null
                || !(incoming.content() instanceof MessageContent.Order placed)) {
            return incoming;
        }
        return items(client, order).map(items -> new MessageContent.Order(placed.orderId(), placed.title(), placed.message(),
                        placed.itemCount(), placed.status(), placed.sellerJid(), placed.total(), placed.currency(), items))
                .map(detailed -> new EngineEvent.IncomingMessage(incoming.id(), incoming.chatJid(), incoming.senderJid(),
                        incoming.pushName(), detailed, incoming.quotedMessageId(), incoming.mentions(), incoming.timestamp(),
                        incoming.fromMe(), incoming.traits(), incoming.raw())).orElse(incoming);
    }

    private static Optional<List<MessageContent.Order.OrderItem>> items(Whatsapp client, PaymentOrderMessage order) {
        var asked = Node.of("order", Map.of("op", "get", "id", order.id()),
                Node.of("image_dimensions", Map.of(), Node.of("width", Map.of(), PICTURE_SIDE), Node.of("height", Map.of(), PICTURE_SIDE)),
                Node.of("token", Map.of(), order.token()));
        try {
            var answer = ServerIqs.query(client, ServerIqs.SERVER, "fb:thrift_iq", "get", Map.of("smax_id", "5"), asked)
                    .toCompletableFuture().get(DETAILS_WAIT_SECONDS, TimeUnit.SECONDS);
            return Optional.of(items(answer));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception unanswered) {
            LOG.warnf("The items of order %s could not be read: %s", order.id(), unanswered.getMessage());
            return Optional.empty();
        }
    }

    /** The items WhatsApp's answer to the order-details query lists, in its order. */
    static List<MessageContent.Order.OrderItem> items(Node answer) {
        return answer.findChild("order").map(details -> details.listChildren("product")).orElse(List.of()).stream()
                .map(CatalogOrders::item).toList();
    }

    private static MessageContent.Order.OrderItem item(Node product) {
        return new MessageContent.Order.OrderItem(text(product, "id").orElse(null), text(product, "name").orElse(null),
                text(product, "price").map(Long::parseLong).orElse(null), text(product, "currency").orElse(null),
                text(product, "quantity").map(Integer::parseInt).orElse(0),
                product.findChild("image").flatMap(image -> text(image, "url")).orElse(null));
    }

    private static Optional<String> text(Node node, String tag) {
        return node.findChild(tag).flatMap(Node::contentAsString).filter(value -> !value.isEmpty());
    }
}
