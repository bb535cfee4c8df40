package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerSpec;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An order is acknowledged only once it is stored with its items, read by a query whose answer Cobalt's reading thread
 * must be free to read; WhatsApp's answer to that query becomes the order's items.
 */
class OrderAcknowledgementsTest {

    private static final String SHOP = "5511999990070@s.whatsapp.net";

    @Test
    void anOrdersAcknowledgementIsWithheldThenSentOnceTheOrderIsStoredAndOnlyOnce() {
        var acknowledgements = new OrderAcknowledgements();
        var stored = new CompletableFuture<Void>();
        var steps = new CopyOnWriteArrayList<String>();
        var acknowledged = new CompletableFuture<Void>();

        boolean withheld = acknowledgements.deferred(order("3EB0O1", "dG9rZW4="), () -> {
            stored.join();
            steps.add("stored");
        }, () -> {
            steps.add("acknowledged");
            acknowledged.complete(null);
        });

        assertThat(withheld).as("Cobalt's acknowledgement is withheld; the reading thread goes on").isTrue();
        assertThat(steps).as("nothing acknowledged while the order is not stored").isEmpty();
        stored.complete(null);
        acknowledged.join();
        assertThat(steps).containsExactly("stored", "acknowledged");
        assertThat(acknowledgements.deferred(order("3EB0O1", "dG9rZW4="), () -> steps.add("again"), () -> steps.add("again")))
                .as("the acknowledgement sent after, passing the hold again, goes as any other").isFalse();
    }

    @Test
    void anOrderThatIsNotStoredIsNotAcknowledgedAndOtherMessagesAreNotDeferred() {
        var acknowledgements = new OrderAcknowledgements(Runnable::run);
        var steps = new CopyOnWriteArrayList<String>();
        acknowledgements.deferred(order("3EB0O2", "dG9rZW4="), () -> {
            throw new IllegalStateException("database away");
        }, () -> steps.add("acknowledged"));
        assertThat(steps).as("WhatsApp delivers it again").isEmpty();
        assertThat(acknowledgements.deferred(order("3EB0O2", "dG9rZW4="), () -> steps.add("stored"), () -> steps.add("acknowledged")))
                .as("and its acknowledgement is withheld again").isTrue();
        assertThat(steps).containsExactly("stored", "acknowledged");

        assertThat(acknowledgements.deferred(order("3EB0O3", null), () -> { }, () -> { })).as("an order without token").isFalse();
        var text = new ChatMessageInfoBuilder().key(new ChatMessageKeyBuilder().id("3EB0T1").chatJid(Jid.of(SHOP)).build())
                .message(MessageContainer.of("oi")).build();
        assertThat(acknowledgements.deferred(text, () -> { }, () -> { })).isFalse();
    }

    @Test
    void theOrderDetailsAnswerIsReadAsTheOrdersItemsInItsOrder() {
        var answer = Node.of("iq", Map.of("type", "result"), Node.of("order", Map.of("id", "1000000000001"),
                product("7001", "Tinta acrílica 18L", "https://mmg.whatsapp.net/catalog/7001.jpg", "389900000", "2"),
                product("7002", "Rolo de lã", "", "24500000", "1"),
                Node.of("price", Node.of("total", Map.of(), "804300000"), Node.of("currency", Map.of(), "BRL"))));

        assertThat(CatalogOrders.items(answer)).containsExactly(
                new MessageContent.Order.OrderItem("7001", "Tinta acrílica 18L", 389_900_000L, "BRL", 2,
                        "https://mmg.whatsapp.net/catalog/7001.jpg"),
                new MessageContent.Order.OrderItem("7002", "Rolo de lã", 24_500_000L, "BRL", 1, null));
        assertThat(CatalogOrders.items(Node.of("iq", Map.of("type", "result")))).isEqualTo(List.of());
    }

    private static Node product(String id, String name, String imageUrl, String price, String quantity) {
        return Node.of("product", Node.of("id", Map.of(), id), Node.of("name", Map.of(), name),
                Node.of("image", Node.of("url", Map.of(), imageUrl)), Node.of("price", Map.of(), price),
                Node.of("currency", Map.of(), "BRL"), Node.of("quantity", Map.of(), quantity));
    }

    private static ChatMessageInfo order(String id, String token) {
        var order = new ProtobufWriter().string(1, "1000000000001").varint(3, 3).varint(4, 1).string(8, SHOP).string(9, token)
                .varint(10, 804_300_000L).string(11, "BRL").bytes();
        var message = MessageContainerSpec.decode(new ProtobufWriter().bytes(38, order).bytes());
        return new ChatMessageInfoBuilder().key(new ChatMessageKeyBuilder().id(id).chatJid(Jid.of(SHOP)).build()).message(message).build();
    }
}
