package io.kubezap.simulator.stream;

import io.kubezap.simulator.phone.PhoneDirectory;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Business accounts' catalogs as WhatsApp's server keeps them, and {@code w:biz:catalog} {@code get}
 * {@code <product_catalog jid><limit/><width/><height/>[<after/>]</product_catalog>} answered with a page of
 * {@code product}s and, when more follow, {@code <paging><after>cursor</after></paging>}. Hidden products are shown only
 * to the catalog's own account; a personal account has no catalog (404).
 */
public final class Catalogs {
    /** A product; {@code price}: thousandths of the currency's unit, as WhatsApp writes prices. */
    public record Product(String id, String name, String description, long price, String currency, String retailerId,
                          String url, String imageUrl, boolean hidden) {
    }

    private final PhoneDirectory phones;
    private final Map<String, List<Product>> byNumber = new ConcurrentHashMap<>();

    Catalogs(PhoneDirectory phones) {
        this.phones = phones;
    }

    /**
     * The business's owner sets its products in the Business app.
     *
     * @throws NoSuchElementException when there is no such phone
     * @throws IllegalArgumentException when the account is not a business
     */
    public List<Product> set(String number, List<Product> products) {
        var phone = phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
        if (phone.profile().business() == null) {
            throw new IllegalArgumentException("a personal account has no catalog: make it a business first (PUT …/profile)");
        }
        byNumber.put(number, List.copyOf(products));
        return byNumber.get(number);
    }

    public List<Product> of(String number) {
        return byNumber.getOrDefault(number, List.of());
    }

    public Optional<Product> find(String number, String productId) {
        return of(number).stream().filter(product -> product.id().equals(productId)).findFirst();
    }

    Optional<Node> answer(Optional<Jid> asker, Node iq) {
        if (!"w:biz:catalog".equals(iq.attributes().getString("xmlns", "")) || iq.findChild("product_catalog").isEmpty()) {
            return Optional.empty();
        }
        var asked = iq.findChild("product_catalog").orElseThrow();
        var owner = asked.attributes().getOptionalJid("jid").map(Jid::user).orElse("");
        if (phones.find(owner).map(phone -> phone.profile().business() == null).orElse(true)) {
            return Optional.of(ServerNodes.error(iq, 404, "item-not-found"));
        }
        var own = asker.map(Jid::user).filter(owner::equals).isPresent();
        var shown = of(owner).stream().filter(product -> own || !product.hidden()).toList();
        var from = asked.findChild("after").flatMap(Node::contentAsString).map(Catalogs::position).orElse(0);
        var limit = asked.findChild("limit").flatMap(Node::contentAsString).map(Integer::parseInt).orElse(10);
        var to = Math.min(shown.size(), from + limit);
        var page = new ArrayList<Node>(shown.subList(Math.min(from, to), to).stream().map(Catalogs::product).toList());
        if (to < shown.size()) {
            page.add(Node.of("paging", Node.of("after", Map.of(), cursor(to))));
        }
        return Optional.of(ServerNodes.result(iq, Node.of("product_catalog", page)));
    }

    private static Node product(Product product) {
        var fields = new ArrayList<Node>();
        fields.add(Node.of("id", Map.of(), product.id()));
        fields.add(Node.of("name", Map.of(), product.name()));
        optional(fields, "description", product.description());
        optional(fields, "retailer_id", product.retailerId());
        optional(fields, "url", product.url());
        fields.add(Node.of("price", Map.of(), String.valueOf(product.price())));
        fields.add(Node.of("currency", Map.of(), product.currency()));
        if (product.imageUrl() != null) {
            fields.add(Node.of("media", Node.of("image", Node.of("request_image_url", Map.of(), product.imageUrl()),
                    Node.of("original_image_url", Map.of(), product.imageUrl()))));
        }
        fields.add(Node.of("status_info", Node.of("status", Map.of(), "APPROVED"), Node.of("can_appeal", Map.of(), "false")));
        return Node.of("product", product.hidden() ? Map.of("is_hidden", "true") : Map.of(), fields);
    }

    private static void optional(List<Node> fields, String tag, String value) {
        if (value != null) {
            fields.add(Node.of(tag, Map.of(), value));
        }
    }

    /** WhatsApp's cursors are opaque: this one is the next position, base64. */
    private static String cursor(int position) {
        return Base64.getEncoder().encodeToString(("p" + position).getBytes(StandardCharsets.UTF_8));
    }

    private static int position(String cursor) {
        try {
            return Integer.parseInt(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8).substring(1));
        } catch (RuntimeException notOurs) {
            return 0;
        }
    }
}
