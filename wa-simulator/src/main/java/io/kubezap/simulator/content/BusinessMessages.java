package io.kubezap.simulator.content;

import io.kubezap.simulator.protobuf.ProtobufReader;
import io.kubezap.simulator.protobuf.ProtobufWriter;

import java.util.ArrayList;
import java.util.List;

/**
 * A business's messages on the wire ({@code WAE2E.Message}): a catalog product's card ({@code productMessage}, 30: its
 * {@code ProductSnapshot}, the business's JID, the card's body and footer) and a customer's order
 * ({@code orderMessage}, 38: its id, item count, status, the customer's note, title, the seller's JID, the token its
 * details are read with, and its total).
 */
public final class BusinessMessages {
    static final int PRODUCT = 30;
    static final int ORDER = 38;
    /** {@code OrderMessage.OrderStatus}, by its number: as placed, then as the seller answered it. */
    private static final List<String> ORDER_STATUSES = List.of("inquiry", "accepted", "declined");
    /** {@code OrderMessage.OrderSurface.CATALOG}: an order placed from a catalog. */
    private static final int CATALOG = 1;
    private static final String USER_SERVER = "@s.whatsapp.net";

    private BusinessMessages() {
    }

    static Content.Product product(byte[] card) {
        var reader = ProtobufReader.read(card);
        var snapshot = ProtobufReader.read(reader.bytes(1).orElse(new byte[0]));
        return new Content.Product(snapshot.string(2).orElse(null), snapshot.string(3).orElse(null), snapshot.string(4).orElse(null),
                snapshot.string(5).orElse(null), snapshot.uint64(6).orElse(0L), snapshot.string(7).orElse(null),
                snapshot.string(8).orElse(null), reader.string(2).orElse(null), reader.string(5).orElse(null),
                reader.string(6).orElse(null));
    }

    static Content.Order order(byte[] order) {
        var reader = ProtobufReader.read(order);
        return new Content.Order(reader.string(1).orElse(null), reader.uint32(3).orElse(0), reader.string(6).orElse(null),
                reader.string(7).orElse(null), reader.string(8).orElse(null), reader.string(9).orElse(null),
                reader.uint64(10).orElse(0L), reader.string(11).orElse(null),
                reader.uint32(4).filter(status -> status >= 1 && status <= ORDER_STATUSES.size())
                        .map(status -> ORDER_STATUSES.get(status - 1)).orElse(null));
    }

    /**
     * What WhatsApp's apps check of a product card before they show it: the catalog's product id, a name, a business
     * whose catalog it is, and a price only with its currency. Each failed check is one problem.
     */
    public static List<String> problems(Content.Product product) {
        var problems = new ArrayList<String>();
        if (product.productId() == null || product.productId().isBlank()) {
            problems.add("no product id");
        }
        if (product.title() == null || product.title().isBlank()) {
            problems.add("no product name");
        }
        if (product.businessOwnerJid() == null || !product.businessOwnerJid().endsWith(USER_SERVER)) {
            problems.add("no business owner");
        }
        if (product.priceAmount1000() > 0 && (product.currency() == null || product.currency().isBlank())) {
            problems.add("a price without its currency");
        }
        return List.copyOf(problems);
    }

    // ---- writing, as a phone's WhatsApp writes an order ----

    /**
     * An order from a catalog, as WhatsApp's apps write it, with its status ({@code inquiry} as the cart places it;
     * {@code accepted}, {@code declined}).
     *
     * @throws IllegalArgumentException for a status WhatsApp's {@code OrderStatus} does not have
     */
    public static byte[] order(Content.Order order) {
        var fields = new ProtobufWriter().string(1, order.orderId()).uint32(3, order.itemCount()).uint32(4, statusNumber(order.status()))
                .uint32(5, CATALOG);
        if (order.message() != null) {
            fields.string(6, order.message());
        }
        if (order.title() != null) {
            fields.string(7, order.title());
        }
        fields.string(8, order.sellerJid()).string(9, order.token()).uint64(10, order.totalAmount1000());
        if (order.currency() != null) {
            fields.string(11, order.currency());
        }
        return new ProtobufWriter().message(ORDER, fields).toByteArray();
    }

    private static int statusNumber(String status) {
        int index = ORDER_STATUSES.indexOf(status);
        if (index < 0) {
            throw new IllegalArgumentException("an order's status is one of " + ORDER_STATUSES + ", got " + status);
        }
        return index + 1;
    }
}
