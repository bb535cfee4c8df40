package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.PhoneProfile;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalog IQ as WhatsApp answers it: pages with a cursor, hidden products for the owner only, none for a person. */
class CatalogQueriesTest {

    private final PhoneDirectory phones = new PhoneDirectory();
    private final Catalogs catalogs = new Catalogs(phones);

    @Test
    void aCatalogIsAnsweredPageByPageAndHidesHiddenProductsFromOthers() {
        var shop = phones.create("5511955550010", "Loja");
        var customer = phones.create("5511955550011", "Bia");
        shop.profile(PhoneProfile.initial(Instant.EPOCH).withBusiness(new PhoneProfile.Business(null, "Tintas", null, null, null, null)));
        catalogs.set("5511955550010", List.of(product("1", false), product("2", false), product("3", true)));

        var first = catalog(Optional.of(shop.jid()), null);
        assertThat(ids(first)).containsExactly("1", "2");
        var cursor = first.findChild("paging").flatMap(paging -> paging.findChild("after")).flatMap(Node::contentAsString).orElseThrow();
        var second = catalog(Optional.of(shop.jid()), cursor);
        assertThat(ids(second)).containsExactly("3");
        assertThat(second.findChild("product").orElseThrow().attributes().getString("is_hidden")).isEqualTo("true");
        assertThat(second.findChild("paging")).isEmpty();

        var seenByCustomer = catalog(Optional.of(customer.jid()), null);
        assertThat(ids(seenByCustomer)).containsExactly("1", "2");
        assertThat(seenByCustomer.findChild("paging")).as("the hidden product is no further page").isEmpty();
        assertThat(seenByCustomer.findChild("product").orElseThrow().findChild("price").flatMap(Node::contentAsString)).contains("12990000");
    }

    @Test
    void aPersonalAccountHasNoCatalog() {
        phones.create("5511955550012", "Caio");
        var answer = catalogs.answer(Optional.empty(), query("5511955550012", null)).orElseThrow();
        assertThat(answer.findChild("error").orElseThrow().attributes().getString("code")).isEqualTo("404");
        assertThatThrownBy(() -> catalogs.set("5511955550012", List.of(product("1", false)))).isInstanceOf(IllegalArgumentException.class);
    }

    private Node catalog(Optional<Jid> asker, String cursor) {
        return catalogs.answer(asker, query("5511955550010", cursor)).orElseThrow().findChild("product_catalog").orElseThrow();
    }

    private static List<String> ids(Node catalog) {
        return catalog.listChildren("product").stream()
                .map(product -> product.findChild("id").flatMap(Node::contentAsString).orElseThrow()).toList();
    }

    private static Catalogs.Product product(String id, boolean hidden) {
        return new Catalogs.Product(id, "Produto " + id, null, 12_990_000L, "BRL", null, null, null, hidden);
    }

    private static Node query(String owner, String cursor) {
        var parameters = new ArrayList<>(List.of(Node.of("limit", Map.of(), "2"), Node.of("width", Map.of(), "100"),
                Node.of("height", Map.of(), "100")));
        if (cursor != null) {
            parameters.add(Node.of("after", Map.of(), cursor));
        }
        return Node.of("iq", Map.of("id", "c1", "type", "get", "xmlns", "w:biz:catalog"),
                Node.of("product_catalog", Map.of("jid", Jid.of(owner + "@s.whatsapp.net"), "allow_shop_source", "true"), parameters));
    }
}
