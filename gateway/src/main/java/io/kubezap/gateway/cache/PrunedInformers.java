package io.kubezap.gateway.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubezap.contract.ListPages;

import java.util.function.UnaryOperator;

/**
 * Informers whose caches hold objects pruned to what the gateway reads ({@link PrunedObjects}), listing in pages of
 * {@link ListPages#SIZE} (at start and after a watch expired), so that no one answer holds a whole fleet.
 */
public final class PrunedInformers {

    private PrunedInformers() {
    }

    /** Started, and synced with the API server's list, as {@link Informable#inform()}; its cache holds {@code prune}'s copies. */
    public static <T extends HasMetadata> SharedIndexInformer<T> inform(Informable<T> source, UnaryOperator<T> prune) {
        return source.withLimit(ListPages.SIZE).runnableInformer(0).itemStore(new PrunedStore<>(prune)).run();
    }
}
