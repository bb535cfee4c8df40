package io.kubezap.session.engine;

import java.util.List;

/**
 * One page of a business's catalog as WhatsApp answers it; {@code nextCursor}: WhatsApp's cursor of the next page, null
 * on the last.
 */
public record CatalogPage(List<CatalogProduct> products, String nextCursor) {
    public CatalogPage {
        products = List.copyOf(products);
    }

    /**
     * A catalog product; {@code price}: thousandths of the currency's unit, as WhatsApp writes prices (12990 is 12.99);
     * {@code hidden}: shown only to the business itself.
     */
    public record CatalogProduct(String id, String name, String description, Long price, String currency, String retailerId,
                          String url, String imageUrl, boolean hidden) {
    }
}
