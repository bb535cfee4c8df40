package io.kubezap.simulator.stream;

import io.kubezap.simulator.content.Content;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Orders customers placed from businesses' catalogs, as WhatsApp's server keeps them, and the order-details query
 * ({@code fb:thrift_iq} {@code get} {@code <order op="get" id><image_dimensions/><token/></order>}) answered with the
 * order's products and total, to the seller alone and with the order's own token (anyone else: 401).
 */
public final class Orders {
    /** One line of an order: a catalog product, its price then (thousandths of the currency's unit), how many. */
    public record Line(Catalogs.Product product, int quantity) {
    }

    /** An order: who placed it, whose catalog, its lines and the token its details are read with. */
    public record Placed(String id, String customer, String seller, String token, List<Line> lines) {
        long total() {
            return lines.stream().mapToLong(line -> line.product().price() * line.quantity()).sum();
        }

        String currency() {
            return lines.isEmpty() ? null : lines.getFirst().product().currency();
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String USER_SERVER = "@s.whatsapp.net";

    private final Catalogs catalogs;
    private final Map<String, Placed> byId = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_000_000_000_000L);

    Orders(Catalogs catalogs) {
        this.catalogs = catalogs;
    }

    /**
     * {@code customer} orders {@code quantities} (product id → how many) from {@code seller}'s catalog: the order the
     * customer's app sends, kept for the seller's details query.
     *
     * @throws NoSuchElementException when the seller's catalog has no such product
     * @throws IllegalArgumentException when nothing is ordered
     */
    public Content.Order place(String customer, String seller, Map<String, Integer> quantities, String note) {
        if (quantities == null || quantities.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one item: {productId: quantity}");
        }
        var lines = new ArrayList<Line>();
        quantities.forEach((productId, quantity) -> lines.add(new Line(catalogs.find(seller, productId).orElseThrow(() ->
                new NoSuchElementException("the catalog of " + seller + " has no product " + productId)), quantity)));
        var token = new byte[32];
        RANDOM.nextBytes(token);
        var placed = new Placed(String.valueOf(ids.incrementAndGet()), customer, seller, Base64.getEncoder().encodeToString(token),
                List.copyOf(lines));
        byId.put(placed.id(), placed);
        return new Content.Order(placed.id(), lines.stream().mapToInt(Line::quantity).sum(), note, "Pedido " + placed.id(),
                seller + USER_SERVER, placed.token(), placed.total(), placed.currency(), "inquiry");
    }

    Optional<Node> answer(Optional<Jid> asker, Node iq) {
        var asked = iq.findChild("order").filter(order -> "fb:thrift_iq".equals(iq.attributes().getString("xmlns", ""))
                && "get".equals(order.attributes().getString("op", "")));
        if (asked.isEmpty()) {
            return Optional.empty();
        }
        var order = byId.get(asked.get().attributes().getString("id", ""));
        if (order == null) {
            return Optional.of(ServerNodes.error(iq, 404, "item-not-found"));
        }
        var token = asked.get().findChild("token").flatMap(Node::contentAsString).orElse("");
        if (!asker.map(Jid::user).filter(order.seller()::equals).isPresent() || !order.token().equals(token)) {
            return Optional.of(ServerNodes.error(iq, 401, "not-authorized"));
        }
        return Optional.of(ServerNodes.result(iq, details(order)));
    }

    private static Node details(Placed order) {
        var children = new ArrayList<Node>();
        for (var line : order.lines()) {
            var product = line.product();
            children.add(Node.of("product", Node.of("id", Map.of(), product.id()), Node.of("name", Map.of(), product.name()),
                    Node.of("image", Node.of("url", Map.of(), product.imageUrl() == null ? "" : product.imageUrl())),
                    Node.of("price", Map.of(), String.valueOf(product.price())), Node.of("currency", Map.of(), product.currency()),
                    Node.of("quantity", Map.of(), String.valueOf(line.quantity()))));
        }
        children.add(Node.of("price", Node.of("total", Map.of(), String.valueOf(order.total())),
                Node.of("currency", Map.of(), order.currency())));
        return Node.of("order", Map.of("id", order.id()), children);
    }
}
