package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.message.standard.ProductMessage;
import it.auties.whatsapp.model.message.standard.ProductMessageBuilder;
import it.auties.whatsapp.model.product.Product;
import it.auties.whatsapp.model.product.ProductBuilder;

/**
 * Product cards on Cobalt, as the Baileys bridge sends them: a {@code productMessage} whose product
 * ({@code ProductSnapshot}) names the catalog's product without a picture of its own (the catalog holds its pictures),
 * the business as its owner. Cobalt 0.0.10's {@code Product} refused to be built without an uploaded picture; the
 * replaced one of {@code cobalt-patches} leaves it off.
 */
final class ProductCards {

    /** No picture uploaded for the card: the apps show the catalog's. */
    private static final int NO_IMAGES = 0;

    private ProductCards() {
    }

    static ProductMessage message(MessageContent.Product card) {
        var product = new ProductBuilder().id(card.productId()).title(card.title()).description(card.description())
                .currencyCode(card.currency()).priceAmount1000(card.price() == null ? 0 : card.price()).retailerId(card.retailerId())
                .url(card.url()).productImageCount(NO_IMAGES).build();
        return new ProductMessageBuilder().product(product)
                .businessOwnerJid(card.businessOwnerJid() == null ? null : OutgoingMessageBuilder.jid(card.businessOwnerJid()))
                .body(card.body()).footer(card.footer()).build();
    }

    /** A received card as the port's product; its picture, if any, is not read ({@code imageUrl} null, as on Baileys). */
    static MessageContent.Product read(ProductMessage card) {
        Product product = card.product();
        return new MessageContent.Product(product == null ? null : product.id(), product == null ? null : product.title().orElse(null),
                product == null ? null : product.description().orElse(null),
                product == null || product.priceAmount1000() == 0 ? null : product.priceAmount1000(),
                product == null ? null : product.currencyCode().orElse(null), product == null ? null : product.retailerId().orElse(null),
                product == null ? null : product.url().orElse(null), null,
                card.businessOwnerJid() == null ? null : card.businessOwnerJid().toString(), card.body().orElse(null),
                card.footer().orElse(null));
    }
}
