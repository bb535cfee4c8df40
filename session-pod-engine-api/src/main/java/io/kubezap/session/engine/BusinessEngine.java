package io.kubezap.session.engine;

import java.util.concurrent.CompletionStage;

/**
 * The account as a WhatsApp Business account: its business profile, changed as the Business app changes it (read like
 * any contact's: {@link WhatsAppEngine#profile}), and businesses' catalogs.
 */
public interface BusinessEngine {

    /** One {@code w:biz} delta: WhatsApp refuses it for a personal account. */
    CompletionStage<Void> setBusinessProfile(BusinessProfileChange change);

    /**
     * A page of {@code jid}'s catalog ({@code w:biz:catalog}): at most {@code limit} products after {@code cursor} (null:
     * the first page); WhatsApp refuses it (404) for an account without one.
     */
    CompletionStage<CatalogPage> catalog(String jid, int limit, String cursor);
}
