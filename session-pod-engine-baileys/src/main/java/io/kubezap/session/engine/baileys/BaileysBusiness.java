package io.kubezap.session.engine.baileys;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.session.engine.BusinessEngine;
import io.kubezap.session.engine.BusinessRefusedException;
import io.kubezap.session.engine.BusinessProfileChange;
import io.kubezap.session.engine.CatalogPage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import java.util.concurrent.CompletionStage;

/** The business account on the Baileys engine: the bridge's business requests (PROTOCOL.md, "The business"). */
@ApplicationScoped
@Typed(BaileysBusiness.class)
public class BaileysBusiness implements BusinessEngine {

    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final BaileysEngine engine;

    public BaileysBusiness(BaileysEngine engine) {
        this.engine = engine;
    }

    /** The change as JSON, its nulls left out (fields the account keeps). */
    @Override
    public CompletionStage<Void> setBusinessProfile(BusinessProfileChange change) {
        return engine.request("businessProfile", fields -> fields.setAll((ObjectNode) JSON.valueToTree(change)))
                .thenApply(ignored -> null);
    }

    @Override
    public CompletionStage<CatalogPage> catalog(String jid, int limit, String cursor) {
        return engine.request("catalog", fields -> fields.put("jid", jid).put("limit", limit).put("cursor", cursor),
                BusinessRefusedException::new).thenApply(answer -> {
            var products = new java.util.ArrayList<CatalogPage.CatalogProduct>();
            answer.path("products").forEach(product -> products.add(JSON.convertValue(product, CatalogPage.CatalogProduct.class)));
            return new CatalogPage(products, BridgeEvents.text(answer, "nextCursor"));
        });
    }
}
