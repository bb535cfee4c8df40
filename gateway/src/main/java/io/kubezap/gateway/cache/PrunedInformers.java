package io.kubezap.gateway.cache;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubezap.contract.ListPages;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Informers whose caches hold objects pruned to what the gateway reads ({@link PrunedObjects}), listing in pages of
 * {@link ListPages#SIZE} (at start and after a watch expired), so that no one answer holds a whole fleet.
 *
 * <p>They start without waiting for the API server: a slow or unreachable one delays them (each list retried with
 * the client's backoff, as the operator's are), never stops the gateway, and {@link InformersReadiness} keeps it out
 * of its Service until every one has listed. Meanwhile a lookup the cache misses asks the API server, as for an
 * object created a moment ago.
 */
@ApplicationScoped
public class PrunedInformers {

    private static final Logger LOG = Logger.getLogger(PrunedInformers.class);

    private final List<SharedIndexInformer<?>> started = new CopyOnWriteArrayList<>();

    /** Started; its cache holds {@code prune}'s copies once it has listed. */
    public <T extends HasMetadata> SharedIndexInformer<T> inform(Informable<T> source, UnaryOperator<T> prune) {
        SharedIndexInformer<T> informer = source.withLimit(ListPages.SIZE).runnableInformer(0).itemStore(new PrunedStore<>(prune));
        // fabric8 retries a failed list only once the informer has started; a garbled object is a bug, not a delay
        informer.exceptionHandler((isStarted, failure) -> !ExceptionHandler.isDeserializationException(failure));
        started.add(informer);
        informer.start().whenComplete((synced, failure) -> {
            if (failure != null) {
                LOG.errorf(failure, "The informer of %s stopped", informer.getApiTypeClass().getSimpleName());
            }
        });
        return informer;
    }

    /**
     * The informers that have not listed yet, by the kind they hold. A watch lost later does not count: the cache
     * still serves, and a gateway taken out of its Service for every blip of the API server would serve nobody.
     */
    List<String> unsynced() {
        return started.stream().filter(informer -> !informer.hasSynced())
                .map(informer -> informer.getApiTypeClass().getSimpleName()).toList();
    }
}
