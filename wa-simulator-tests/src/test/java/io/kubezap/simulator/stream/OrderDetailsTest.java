package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.PhoneProfile;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An order's details as WhatsApp answers them: its products and total, to the seller alone and with the order's token. */
class OrderDetailsTest {

    private static final String SHOP = "5511955550020";
    private static final String CUSTOMER = "5511955550021";

    private final PhoneDirectory phones = new PhoneDirectory();
    private final Catalogs catalogs = new Catalogs(phones);
    private final Orders orders = new Orders(catalogs);

    @Test
    void theSellerReadsAnOrdersItemsWithItsToken() {
        var shop = business();
        var order = orders.place(CUSTOMER, SHOP, quantities(), "Entregar à tarde");
        assertThat(order.itemCount()).isEqualTo(3);
        assertThat(order.totalAmount1000()).isEqualTo(2 * 12_990_000L + 500_000L);
        assertThat(order.sellerJid()).isEqualTo(SHOP + "@s.whatsapp.net");

        var details = orders.answer(Optional.of(shop.jid()), query(order.orderId(), order.token())).orElseThrow()
                .findChild("order").orElseThrow();
        assertThat(details.listChildren("product")).extracting(product -> text(product, "id"), product -> text(product, "quantity"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1", "2"), org.assertj.core.groups.Tuple.tuple("2", "1"));
        assertThat(details.findChild("price").map(price -> text(price, "total"))).contains(String.valueOf(order.totalAmount1000()));
    }

    @Test
    void anyoneButTheSellerOrAWrongTokenIsRefused() {
        business();
        var customer = phones.create(CUSTOMER, "Bia");
        var stranger = phones.create("5511955550022", "Caio");
        var order = orders.place(CUSTOMER, SHOP, quantities(), null);

        assertThat(code(orders.answer(Optional.of(customer.jid()), query(order.orderId(), order.token())))).isEqualTo("401");
        assertThat(code(orders.answer(Optional.of(stranger.jid()), query(order.orderId(), order.token())))).isEqualTo("401");
        assertThat(code(orders.answer(Optional.empty(), query(order.orderId(), order.token())))).isEqualTo("401");
        var shop = phones.find(SHOP).orElseThrow();
        assertThat(code(orders.answer(Optional.of(shop.jid()), query(order.orderId(), "bm90IHRoZSB0b2tlbg==")))).isEqualTo("401");
        assertThat(code(orders.answer(Optional.of(shop.jid()), query("999", order.token())))).isEqualTo("404");
    }

    @Test
    void anOrderNamesProductsOfTheSellersCatalog() {
        business();
        assertThatThrownBy(() -> orders.place(CUSTOMER, SHOP, Map.of("404", 1), null)).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> orders.place(CUSTOMER, SHOP, Map.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    private io.kubezap.simulator.phone.SimulatedPhone business() {
        var shop = phones.create(SHOP, "Loja");
        shop.profile(PhoneProfile.initial(Instant.EPOCH).withBusiness(new PhoneProfile.Business(null, "Tintas", null, null, null, null)));
        catalogs.set(SHOP, List.of(new Catalogs.Product("1", "Tinta", null, 12_990_000L, "BRL", null, null, "https://mmg.whatsapp.net/1.jpg", false),
                new Catalogs.Product("2", "Rolo", null, 500_000L, "BRL", null, null, null, false)));
        return shop;
    }

    private static Map<String, Integer> quantities() {
        var quantities = new LinkedHashMap<String, Integer>();
        quantities.put("1", 2);
        quantities.put("2", 1);
        return quantities;
    }

    private static String code(Optional<Node> answer) {
        return answer.orElseThrow().findChild("error").orElseThrow().attributes().getString("code");
    }

    private static String text(Node node, String child) {
        return node.findChild(child).flatMap(Node::contentAsString).orElse(null);
    }

    private static Node query(String orderId, String token) {
        return Node.of("iq", Map.of("id", "o1", "type", "get", "xmlns", "fb:thrift_iq", "smax_id", "5"),
                Node.of("order", Map.of("op", "get", "id", orderId), Node.of("image_dimensions",
                        Node.of("width", Map.of(), "100"), Node.of("height", Map.of(), "100")), Node.of("token", Map.of(), token)));
    }
}
