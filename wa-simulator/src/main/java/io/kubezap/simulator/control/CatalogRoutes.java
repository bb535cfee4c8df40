package io.kubezap.simulator.control;

import io.kubezap.simulator.content.BusinessMessages;
import io.kubezap.simulator.stream.Catalogs;
import io.kubezap.simulator.stream.ChatServer;
import io.kubezap.simulator.stream.MessageLabels;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The control API's catalogs: a business phone's owner sets its products (as in the Business app) and reads them back;
 * a customer's phone orders from a business's catalog (as the cart of WhatsApp's apps sends an order).
 */
final class CatalogRoutes {
    private static final String PHONE_CATALOG = "/api/phones/([0-9]+)/catalog";

    record CatalogBody(List<Catalogs.Product> products) {
    }

    /**
     * An order to business {@code to}: its catalog's products and how many of each, the customer's note, and the status
     * the order message carries ({@code inquiry} when none is given, as the apps' cart places it; {@code accepted} or
     * {@code declined}, WhatsApp's other {@code OrderStatus} values, which the server relays unread like the rest).
     */
    record OrderBody(String to, List<OrderItem> items, String message, String status) {
    }

    record OrderItem(String productId, int quantity) {
    }

    record OrderSent(String id, String orderId) {
    }

    private CatalogRoutes() {
    }

    static List<Route> routes(ChatServer server, GroupRoutes.BodyReader reader) {
        var catalogs = server.catalogs();
        return List.of(
                Route.of("POST", "/api/phones/([0-9]+)/orders", (parameters, body) -> {
                    var order = reader.read(body, OrderBody.class);
                    if (order.to() == null || order.items() == null) {
                        throw new IllegalArgumentException("an order needs to (the business's number) and items: [{productId, quantity}]");
                    }
                    var quantities = new LinkedHashMap<String, Integer>();
                    order.items().forEach(item -> quantities.merge(item.productId(), item.quantity(), Integer::sum));
                    var placed = server.orders().place(parameters.get(0), order.to(), quantities, order.message());
                    var written = BusinessMessages.order(order.status() == null ? placed : placed.withStatus(order.status()));
                    var id = server.messages().sendContent(parameters.get(0), order.to(), written, MessageLabels.text());
                    return ApiResponse.accepted(new OrderSent(id, placed.orderId()));
                }),
                Route.of("PUT", PHONE_CATALOG, (parameters, body) -> {
                    var products = reader.read(body, CatalogBody.class).products();
                    if (products == null) {
                        throw new IllegalArgumentException("products (a list) is required");
                    }
                    return ApiResponse.ok(new CatalogBody(catalogs.set(parameters.get(0), products)));
                }),
                Route.of("GET", PHONE_CATALOG, (parameters, body) -> ApiResponse.ok(new CatalogBody(catalogs.of(parameters.get(0))))));
    }
}
