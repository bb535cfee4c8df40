package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.BusinessEngine;
import io.kubezap.session.engine.BusinessHours;
import io.kubezap.session.engine.BusinessProfileChange;
import io.kubezap.session.engine.BusinessRefusedException;
import io.kubezap.session.engine.CatalogPage;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import io.kubezap.session.host.scope.PerSession;
import jakarta.enterprise.inject.Typed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The business account by the IQs WhatsApp Business sends: {@code w:biz} {@code <business_profile v="3"
 * mutation_type="delta">} with the fields it changes (Cobalt 0.0.10 has no call for the hours, so all go as one node);
 * {@code w:biz:catalog} {@code <product_catalog>} pages, read here as Baileys reads them (Cobalt's {@code queryBusinessCatalog}
 * has no cursor).
 */
@PerSession
@Typed(CobaltBusiness.class)
public class CobaltBusiness implements BusinessEngine {

    private final CobaltEngine engine;

    public CobaltBusiness(CobaltEngine engine) {
        this.engine = engine;
    }

    @Override
    public CompletionStage<Void> setBusinessProfile(BusinessProfileChange change) {
        var fields = new ArrayList<Node>();
        text(fields, "description", change.description());
        text(fields, "address", change.address());
        text(fields, "email", change.email());
        if (change.websites() != null) {
            change.websites().forEach(site -> text(fields, "website", site));
        }
        if (change.hours() != null) {
            fields.add(hours(change.hours()));
        }
        return CobaltAccount.done(ServerIqs.query(engine.client(), ServerIqs.SERVER, "w:biz", "set", Map.of(),
                Node.of("business_profile", Map.of("v", "3", "mutation_type", "delta"), fields)));
    }

    @Override
    public CompletionStage<CatalogPage> catalog(String jid, int limit, String cursor) {
        var parameters = new ArrayList<Node>(List.of(Node.of("limit", Map.of(), String.valueOf(limit)),
                Node.of("width", Map.of(), "100"), Node.of("height", Map.of(), "100")));
        if (cursor != null) {
            parameters.add(Node.of("after", Map.of(), cursor));
        }
        return ServerIqs.query(engine.client(), ServerIqs.SERVER, "w:biz:catalog", "get", Map.of(),
                Node.of("product_catalog", Map.of("jid", Jid.of(jid), "allow_shop_source", "true"), parameters))
                .handle((answer, failed) -> {
                    var cause = failed instanceof java.util.concurrent.CompletionException wrapped ? wrapped.getCause() : failed;
                    if (cause instanceof ServerIqs.Refused refused) {
                        throw new BusinessRefusedException(refused.code(), refused.getMessage());
                    }
                    if (cause != null) {
                        throw cause instanceof RuntimeException runtime ? runtime : new java.util.concurrent.CompletionException(cause);
                    }
                    return page(answer);
                });
    }

    private static CatalogPage page(Node answer) {
        var catalog = answer.findChild("product_catalog");
        var products = catalog.map(node -> node.listChildren("product")).orElse(List.of()).stream().map(CobaltBusiness::product).toList();
        var next = catalog.flatMap(node -> node.findChild("paging")).flatMap(paging -> paging.findChild("after"))
                .flatMap(Node::contentAsString).orElse(null);
        return new CatalogPage(products, next);
    }

    private static CatalogPage.CatalogProduct product(Node product) {
        var image = product.findChild("media").flatMap(media -> media.findChild("image"));
        var imageUrl = image.flatMap(node -> node.findChild("original_image_url").or(() -> node.findChild("request_image_url")))
                .flatMap(Node::contentAsString).orElse(null);
        var price = text(product, "price").map(Long::parseLong).orElse(null);
        return new CatalogPage.CatalogProduct(text(product, "id").orElse(null), text(product, "name").orElse(null),
                text(product, "description").orElse(null), price, text(product, "currency").orElse(null),
                text(product, "retailer_id").orElse(null), text(product, "url").orElse(null), imageUrl,
                "true".equals(product.attributes().getString("is_hidden", "false")));
    }

    private static java.util.Optional<String> text(Node node, String tag) {
        return node.findChild(tag).flatMap(Node::contentAsString);
    }

    private static void text(List<Node> fields, String tag, String value) {
        if (value != null) {
            fields.add(Node.of(tag, Map.of(), value));
        }
    }

    private static Node hours(BusinessHours hours) {
        var days = hours.days().stream().map(day -> {
            var attributes = new LinkedHashMap<String, Object>();
            attributes.put("day_of_week", day.day());
            attributes.put("mode", day.mode());
            if (day.openTime() != null) {
                attributes.put("open_time", String.valueOf(day.openTime()));
                attributes.put("close_time", String.valueOf(day.closeTime()));
            }
            return Node.of("business_hours_config", attributes);
        }).toList();
        return Node.of("business_hours", Map.of("timezone", hours.timezone()), days);
    }
}
