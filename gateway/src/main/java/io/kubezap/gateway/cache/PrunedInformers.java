package io.kubezap.gateway.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.function.UnaryOperator;

/** Informers whose caches hold objects pruned to what the gateway reads ({@link PrunedObjects}). */
public final class PrunedInformers {

    private PrunedInformers() {
    }

    /** Started, and synced with the API server's list, as {@link Informable#inform()}; its cache holds {@code prune}'s copies. */
    public static <T extends HasMetadata> SharedIndexInformer<T> inform(Informable<T> source, UnaryOperator<T> prune) {
        return source.runnableInformer(0).itemStore(new PrunedStore<>(prune)).run();
    }
}
