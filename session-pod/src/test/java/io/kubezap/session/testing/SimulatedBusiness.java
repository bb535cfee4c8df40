package io.kubezap.session.testing;

import io.kubezap.session.engine.BusinessEngine;
import io.kubezap.session.engine.BusinessProfileChange;
import io.kubezap.session.engine.BusinessRefusedException;
import io.kubezap.session.engine.CatalogPage;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A personal WhatsApp account as WhatsApp answers its business requests, standing in for the engines'
 * {@code BusinessEngine} in tests (the Cobalt adapter would ask a socket these tests do not have): no business profile
 * to change (403) and no catalog (404). BusinessIT proves the real exchanges against the simulator.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class SimulatedBusiness implements BusinessEngine {

    @Override
    public CompletionStage<Void> setBusinessProfile(BusinessProfileChange change) {
        return CompletableFuture.failedFuture(new BusinessRefusedException(403, "not a business account"));
    }

    @Override
    public CompletionStage<CatalogPage> catalog(String jid, int limit, String cursor) {
        return CompletableFuture.failedFuture(new BusinessRefusedException(404, "no catalog"));
    }
}
