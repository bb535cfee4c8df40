package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.UnsupportedByEngine;

/**
 * Product cards on Cobalt: none. Cobalt 0.0.10's {@code Product} (the card's {@code ProductSnapshot}) refuses to be
 * built without {@code image}, an {@code ImageMessage} of a picture uploaded to WhatsApp's media servers, while the card
 * the pod sends names the catalog's product, whose pictures WhatsApp's catalog holds (Baileys' bridge builds the
 * snapshot without one). Adding it means a patched {@code Product} in {@code cobalt-patches}: not done (session-pod README).
 */
final class ProductCards {

    private ProductCards() {
    }

    static UnsupportedByEngine unsupported() {
        return new UnsupportedByEngine("Cobalt", "Product cards (product messages)",
                "Cobalt 0.0.10 builds a product message only with a picture uploaded for it; use spec.engine Baileys for product cards");
    }
}
