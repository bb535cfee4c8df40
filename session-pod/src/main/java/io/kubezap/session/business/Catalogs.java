package io.kubezap.session.business;

import io.kubezap.session.account.AccountProfile;
import io.kubezap.session.engine.BusinessEngine;
import io.kubezap.session.engine.BusinessRefusedException;
import io.kubezap.session.engine.CatalogPage;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Businesses' catalogs as WhatsApp shows them: the account's own (its hidden products too), or another business's. */
@Singleton
public class Catalogs {

    private final AccountProfile account;
    private final BusinessEngine engine;

    public Catalogs(AccountProfile account, BusinessEngine engine) {
        this.account = account;
        this.engine = engine;
    }

    /** The pages read looking for one product: WhatsApp's largest page, up to this many products in all. */
    private static final int LOOKUP_PAGE = 100;
    private static final int LOOKUP_PAGES = 20;

    /**
     * The account's own product {@code productId} as its catalog has it (hidden ones included), read page by page; empty
     * when the catalog has no such product; 404 when the account has no catalog.
     */
    public Optional<CatalogPage.CatalogProduct> ownProduct(String productId) {
        String cursor = null;
        for (int read = 0; read < LOOKUP_PAGES; read++) {
            CatalogPage page = page(null, LOOKUP_PAGE, cursor);
            var found = page.products().stream().filter(product -> productId.equals(product.id())).findFirst();
            if (found.isPresent() || page.nextCursor() == null) {
                return found;
            }
            cursor = page.nextCursor();
        }
        return Optional.empty();
    }

    /** {@code jid}: null for the account's own catalog; 404 when the account has none (a personal account). */
    public CatalogPage page(String jid, int limit, String cursor) {
        var own = account.jid();
        var owner = jid == null ? own : jid;
        var page = engine.catalog(owner, limit, cursor).exceptionallyCompose(failed -> {
            var cause = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause() : failed;
            return CompletableFuture.failedFuture(cause instanceof BusinessRefusedException refused && refused.code() == 404
                    ? Failure.notFound(owner + " has no catalog: only a WhatsApp Business account has one") : cause);
        });
        return EngineCalls.await(page);
    }
}
