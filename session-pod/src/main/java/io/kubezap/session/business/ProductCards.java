package io.kubezap.session.business;

import io.kubezap.session.account.AccountProfile;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

/**
 * A product card of the account's own catalog, as the Business app makes it: the product as the catalog has it now,
 * the account as its business, and the card's texts.
 */
@Singleton
public class ProductCards {

    private final AccountProfile account;
    private final Catalogs catalogs;

    public ProductCards(AccountProfile account, Catalogs catalogs) {
        this.account = account;
        this.catalogs = catalogs;
    }

    /** 404 when the catalog has no product {@code productId}, or the account has no catalog. */
    public MessageContent.Product card(String productId, String body, String footer) {
        var product = catalogs.ownProduct(productId).orElseThrow(() ->
                Failure.notFound("the account's catalog has no product " + productId + " (GET /business/catalog lists them)"));
        return new MessageContent.Product(product.id(), product.name(), product.description(), product.price(), product.currency(),
                product.retailerId(), product.url(), product.imageUrl(), account.jid(), body, footer);
    }
}
